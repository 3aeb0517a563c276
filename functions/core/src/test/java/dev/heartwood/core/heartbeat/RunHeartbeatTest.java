package dev.heartwood.core.heartbeat;

import java.time.Clock;

class RunHeartbeatTest extends RunHeartbeatContract {

    @Override
    protected HeartbeatStores newStores(Clock clock) {
        return new HeartbeatStores(new dev.heartwood.core.memory.InMemoryMemoryStore(), new InMemoryJournal(),
                new InMemoryLeaseStore(clock));
    }
}
