package dev.heartwood.core.heartbeat;

import java.time.Clock;

class InMemoryLeaseStoreTest extends LeaseStoreContract {

    private InMemoryLeaseStore shared;

    @Override
    protected LeaseStore newStore(Clock clock) {
        // One map for every store of a test, as two adapters over one table or directory would share it.
        if (shared == null) {
            shared = new InMemoryLeaseStore(clock);
        }
        return shared;
    }
}
