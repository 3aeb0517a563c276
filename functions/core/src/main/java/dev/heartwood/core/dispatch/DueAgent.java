package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One agent on the roster: when it wakes next and how often.
 *
 * <p>Times are whole seconds between 1970 and 9999, so their ISO-8601 text has one fixed width
 * and sorts as it should (a roster adapter may keep them as sort keys). The cadence is at least
 * a minute, because the tick that reads the roster runs at most once a minute: a shorter one
 * could never be honoured, and saying so beats waking the agent less often than it asked.
 */
public record DueAgent(AgentId agent, Instant nextWake, Duration every) {

    public static final Duration MIN_EVERY = Duration.ofMinutes(1);
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public DueAgent {
        Objects.requireNonNull(agent, "agent");
        requireWake("nextWake", nextWake);
        if (every == null || every.compareTo(MIN_EVERY) < 0 || every.getNano() != 0) {
            throw new IllegalArgumentException("every: expected a whole number of seconds, at least " + MIN_EVERY
                    + " (the dispatch tick runs once a minute), got " + every);
        }
    }

    /** A roster entry for {@code firstWake} cut to the second. */
    public static DueAgent of(AgentId agent, Duration every, Instant firstWake) {
        return new DueAgent(agent, firstWake == null ? null : firstWake.truncatedTo(ChronoUnit.SECONDS), every);
    }

    public boolean isDueAt(Instant now) {
        return !nextWake.isAfter(now);
    }

    /**
     * The first slot of this cadence strictly after {@code now}: slots missed during an outage are
     * skipped, not replayed one by one (the heartbeat's own catch-up policy decides what they meant).
     */
    public Instant nextAfter(Instant now) {
        if (nextWake.isAfter(now)) {
            return nextWake;
        }
        long missed = Duration.between(nextWake, now).getSeconds() / every.getSeconds();
        return nextWake.plusSeconds((missed + 1) * every.getSeconds());
    }

    /** The same agent and cadence at {@code next}, which must be later than {@link #nextWake()}. */
    public DueAgent advancedTo(Instant next) {
        requireWake("next", next);
        if (!next.isAfter(nextWake)) {
            throw new IllegalArgumentException("next: expected a wake after " + nextWake + " for agent " + agent + ", got "
                    + next);
        }
        return new DueAgent(agent, next, every);
    }

    private static void requireWake(String field, Instant wake) {
        if (wake == null || wake.getNano() != 0 || wake.isBefore(Instant.EPOCH) || wake.isAfter(LATEST)) {
            throw new IllegalArgumentException(field + ": expected a whole-second instant between 1970 and 9999, got "
                    + wake);
        }
    }
}
