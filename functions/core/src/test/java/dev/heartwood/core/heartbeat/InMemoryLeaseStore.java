package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link LeaseStore} in a map, for core tests; proven by {@link LeaseStoreContract}. */
public final class InMemoryLeaseStore implements LeaseStore {

    private final Clock clock;
    private final Map<AgentId, Lease> leases = new HashMap<>();

    public InMemoryLeaseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Lease> acquire(AgentId agent, String owner, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
        }
        Instant now = clock.instant();
        Lease held = leases.get(agent);
        if (held != null && !held.expiresAt().isBefore(now)) {
            return Optional.empty();
        }
        Lease lease = new Lease(agent, owner, held == null ? 1 : held.fencingToken() + 1, now.plus(ttl));
        leases.put(agent, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized void release(Lease lease) {
        Lease held = leases.get(lease.agent());
        if (held != null && held.fencingToken() == lease.fencingToken()) {
            // Kept with its token, expired: the next holder must still get a larger one.
            leases.put(lease.agent(), new Lease(lease.agent(), held.owner(), held.fencingToken(), Instant.EPOCH));
        }
    }
}
