package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.util.Optional;

/** One writer per agent across schedule, queue, webhook and CLI: a conditional-write lease. */
public interface LeaseStore {

    /**
     * Takes the agent's lease if it is free or expired.
     *
     * @return the lease, with a fencing token larger than any given before; empty if another
     *     owner holds an unexpired lease (the caller reports {@code Busy} and returns at once)
     */
    Optional<Lease> acquire(AgentId agent, String owner, Duration ttl);

    /** Gives the lease back early; a no-op if it was already taken over (its token is no longer current). */
    void release(Lease lease);
}
