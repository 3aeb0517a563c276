package dev.heartwood.bench;

import dev.heartwood.core.dispatch.DueAgent;
import dev.heartwood.core.dispatch.DueIndex;
import dev.heartwood.core.dispatch.DuePage;
import dev.heartwood.core.dispatch.Shards;
import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The roster in memory, shaped like {@code DynamoDbDueIndex}: per shard, agents ordered by next
 * wake, read in pages from a token, advanced conditionally. It counts what the table would be
 * asked: one Query per page, one conditional UpdateItem per advance. Unlike core's test fake it
 * finds a page in logarithmic time, so a million agents fit in a run.
 */
final class SimulatedDueIndex implements DueIndex {

    private static final Comparator<DueAgent> BY_WAKE = Comparator.comparing(DueAgent::nextWake)
            .thenComparing(d -> d.agent().value());

    private final Shards shards;
    private final List<ConcurrentSkipListSet<DueAgent>> byWake = new ArrayList<>();
    private final ConcurrentHashMap<AgentId, DueAgent> roster = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();

    SimulatedDueIndex(int shards) {
        this.shards = Shards.of(shards);
        for (int i = 0; i < shards; i++) {
            byWake.add(new ConcurrentSkipListSet<>(BY_WAKE));
        }
    }

    @Override
    public int shards() {
        return shards.count();
    }

    @Override
    public void register(AgentId agent, Duration every, Instant firstWake) {
        DueAgent entry = DueAgent.of(agent, every, firstWake);
        DueAgent old = roster.put(agent, entry);
        if (old != null) {
            byWake.get(shards.of(agent)).remove(old);
        }
        byWake.get(shards.of(agent)).add(entry);
    }

    @Override
    public boolean remove(AgentId agent) {
        DueAgent old = roster.remove(agent);
        return old != null && byWake.get(shards.of(agent)).remove(old);
    }

    @Override
    public DuePage due(int shard, Instant now, int limit, String pageToken) {
        queries.incrementAndGet();
        var set = byWake.get(shards.require(shard));
        var from = pageToken == null ? set : set.tailSet(position(pageToken), false);
        List<DueAgent> page = new ArrayList<>(limit);
        for (DueAgent due : from) {
            if (!due.isDueAt(now)) {
                return DuePage.last(page);
            }
            if (page.size() == limit) {
                DueAgent last = page.get(limit - 1);
                return new DuePage(page, last.nextWake().getEpochSecond() + "#" + last.agent().value());
            }
            page.add(due);
        }
        return DuePage.last(page);
    }

    @Override
    public boolean advance(DueAgent due, Instant next) {
        updates.incrementAndGet();
        DueAgent moved = due.advancedTo(next);
        if (!roster.replace(due.agent(), due, moved)) {
            return false;
        }
        var set = byWake.get(shards.of(due.agent()));
        set.remove(due);
        set.add(moved);
        return true;
    }

    long queries() {
        return queries.get();
    }

    long updates() {
        return updates.get();
    }

    private static DueAgent position(String token) {
        int hash = token.indexOf('#');
        return new DueAgent(AgentId.of(token.substring(hash + 1)), Instant.ofEpochSecond(Long.parseLong(token.substring(0, hash))),
                DueAgent.MIN_EVERY);
    }
}
