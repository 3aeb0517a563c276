package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;

/**
 * The fleet's roster: every agent the dispatcher wakes, with its cadence and next wake, split into
 * a fixed number of {@link Shards} so that a tick reads them in parallel. The shard count is fixed
 * when the index is built; a roster registered under one count must be registered again before it
 * is read with another.
 *
 * <p>Advancing is conditional, so two ticks that read the same entry never both move it: the
 * loser learns it from {@link #advance} and leaves the agent alone.
 */
public interface DueIndex {

    /** How many shards {@link #due} reads, numbered from 0. */
    int shards();

    /**
     * Puts the agent on the roster, first waking at {@code firstWake} (cut to the second) and then
     * every {@code every}. Registering again replaces the cadence and the next wake.
     *
     * @throws IllegalArgumentException when {@code every} is under a minute or not whole seconds,
     *     or {@code firstWake} is outside 1970-9999; nothing is changed
     */
    void register(AgentId agent, Duration every, Instant firstWake);

    /** Takes the agent off the roster; returns whether it was on it. */
    boolean remove(AgentId agent);

    /**
     * Agents of one shard whose next wake is at or before {@code now}, oldest wake first.
     *
     * @param pageToken {@code null} for the first page, else {@link DuePage#nextToken()} of the
     *     previous one. Paging continues after the last agent of that page even if it has since
     *     been advanced or removed, so a caller may advance each page before reading the next.
     * @param limit at most this many agents, 1-{@value DuePage#MAX_LIMIT}
     */
    DuePage due(int shard, Instant now, int limit, String pageToken);

    /**
     * Moves the agent's next wake from {@code due.nextWake()} to {@code next}, only if its entry is
     * still exactly {@code due}.
     *
     * @return false, changing nothing, when the entry is no longer {@code due}: another tick
     *     advanced it, or it was removed or registered again since it was read
     * @throws IllegalArgumentException when {@code next} is not a whole second after {@code due.nextWake()}
     */
    boolean advance(DueAgent due, Instant next);
}
