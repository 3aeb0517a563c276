package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A {@link DueIndex} in a map, for core tests; proven by {@link DueIndexContract}. */
public final class InMemoryDueIndex implements DueIndex {

    private static final Comparator<DueAgent> ORDER = Comparator.comparing(DueAgent::nextWake)
            .thenComparing(d -> d.agent().value());

    private final Shards shards;
    private final Map<AgentId, DueAgent> roster = new HashMap<>();

    public InMemoryDueIndex(int shards) {
        this.shards = Shards.of(shards);
    }

    @Override
    public int shards() {
        return shards.count();
    }

    @Override
    public synchronized void register(AgentId agent, Duration every, Instant firstWake) {
        roster.put(agent, DueAgent.of(agent, every, firstWake));
    }

    @Override
    public synchronized boolean remove(AgentId agent) {
        return roster.remove(agent) != null;
    }

    @Override
    public synchronized DuePage due(int shard, Instant now, int limit, String pageToken) {
        shards.require(shard);
        DuePage.requireLimit(limit);
        Objects.requireNonNull(now, "now");
        DueAgent after = pageToken == null ? null : position(pageToken);
        List<DueAgent> due = roster.values().stream()
                .filter(d -> shards.of(d.agent()) == shard && d.isDueAt(now))
                .filter(d -> after == null || ORDER.compare(d, after) > 0)
                .sorted(ORDER).toList();
        if (due.size() <= limit) {
            return DuePage.last(due);
        }
        List<DueAgent> page = due.subList(0, limit);
        DueAgent last = page.get(limit - 1);
        return new DuePage(page, last.nextWake().getEpochSecond() + "#" + last.agent().value());
    }

    @Override
    public synchronized boolean advance(DueAgent due, Instant next) {
        DueAgent moved = due.advancedTo(next);
        if (!due.equals(roster.get(due.agent()))) {
            return false;
        }
        roster.put(due.agent(), moved);
        return true;
    }

    /** Only the wake and the agent take part in {@link #ORDER}; the cadence is a placeholder. */
    private static DueAgent position(String token) {
        int hash = token.indexOf('#');
        return new DueAgent(AgentId.of(token.substring(hash + 1)),
                Instant.ofEpochSecond(Long.parseLong(token.substring(0, hash))), DueAgent.MIN_EVERY);
    }
}
