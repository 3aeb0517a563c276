package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A ChatLog in sorted maps, honest enough to pass the contract; counts calls. */
public final class InMemoryChatLog implements ChatLog {

    private final Map<AgentId, TreeMap<RowId, ChatRow>> rows = new HashMap<>();
    private final Map<String, ChatRow> deliveries = new HashMap<>();
    private final Clock clock;
    private final AtomicInteger suffix = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    public InMemoryChatLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ChatRow append(AgentId agent, NewChatRow row) {
        if (row.deliveryId() != null && deliveries.containsKey(agent + "/" + row.deliveryId())) {
            return deliveries.get(agent + "/" + row.deliveryId());
        }
        RowId id = RowId.of(clock.instant(), String.format("%010d", suffix.incrementAndGet()));
        ChatRow stored = new ChatRow(agent, id, row.role(), row.channel(), row.content(), row.deliveryId());
        rows.computeIfAbsent(agent, a -> new TreeMap<>()).put(id, stored);
        if (row.deliveryId() != null) {
            deliveries.put(agent + "/" + row.deliveryId(), stored);
        }
        return stored;
    }

    @Override
    public synchronized List<ChatRow> newest(AgentId agent, int limit) {
        reads.incrementAndGet();
        return new ArrayList<>(rows.getOrDefault(agent, new TreeMap<>()).descendingMap().values()).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<ChatRow> before(AgentId agent, RowId before, int limit) {
        reads.incrementAndGet();
        return rows.getOrDefault(agent, new TreeMap<>()).headMap(before, false).descendingMap().values().stream()
                .limit(limit).toList();
    }

    @Override
    public synchronized void delete(AgentId agent, RowId row) {
        rows.getOrDefault(agent, new TreeMap<>()).remove(row);
    }

    @Override
    public synchronized void restore(AgentId agent, List<ChatRow> restored) {
        TreeMap<RowId, ChatRow> log = rows.computeIfAbsent(agent, a -> new TreeMap<>());
        for (ChatRow kept : restored) {
            ChatRow row = new ChatRow(agent, kept.id(), kept.role(), kept.channel(), kept.content(), kept.deliveryId());
            ChatRow present = log.get(row.id());
            if (present != null) {
                if (!present.equals(row)) {
                    throw new MemoryException("row " + row.id() + " already holds a different row");
                }
                continue;
            }
            if (!log.isEmpty() && log.lastKey().compareTo(row.id()) > 0) {
                throw new MemoryException("row " + row.id() + " would land before rows the log already has");
            }
            log.put(row.id(), row);
            if (row.deliveryId() != null) {
                deliveries.put(agent + "/" + row.deliveryId(), row);
            }
        }
    }
}
