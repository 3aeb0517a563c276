package dev.heartwood.core.heartbeat.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do with slots missed during an outage.
 *
 * @param maxLateness slots older than this are skipped whatever the policy; null means one period
 *     (a slot goes stale once the next one has come)
 */
public record CatchUp(Policy policy, Duration maxLateness) {

    public enum Policy {
        /** Run only the newest missed slot. */
        ONCE,
        /** Run the oldest missed slot now, the others on the following heartbeats. */
        ALL,
        /** Run none of them; the next regular slot runs. */
        SKIP
    }

    public static final CatchUp DEFAULT = new CatchUp(Policy.ONCE, null);

    public CatchUp {
        Objects.requireNonNull(policy, "policy");
        if (maxLateness != null && (maxLateness.isNegative() || maxLateness.isZero())) {
            throw new IllegalArgumentException("max lateness must be positive, got " + maxLateness);
        }
    }

    @Override
    public String toString() {
        return policy.name().toLowerCase(java.util.Locale.ROOT) + (maxLateness == null ? "" : " (max " + maxLateness + ")");
    }
}
