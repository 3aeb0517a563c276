package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * The right to act for an agent until {@code expiresAt}. Every acquisition gets a strictly larger
 * {@code fencingToken}, and writes made under the lease carry it, so a holder that stalled past
 * its expiry cannot overwrite the work of the one that took over.
 */
public record Lease(AgentId agent, String owner, long fencingToken, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (fencingToken < 1) {
            throw new IllegalArgumentException("fencing token must be positive, got " + fencingToken);
        }
    }
}
