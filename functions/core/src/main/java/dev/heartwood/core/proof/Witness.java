package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.plan.HeartbeatPlan;
import dev.heartwood.core.heartbeat.plan.PlannedTask;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every write a caller was told succeeded: what a crash must never take back. {@link #lost} checks
 * each against the stores at the end of a run and names those that are gone.
 */
public final class Witness {

    private record MemoryWrite(AgentId agent, MemoryPath path, Version version, String content) {
    }

    private final List<MemoryWrite> memory = new ArrayList<>();
    private final List<ChatRow> chat = new ArrayList<>();
    private final List<JournalEntry> started = new ArrayList<>();
    private final List<JournalEntry> finished = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();

    synchronized void memory(AgentId agent, MemoryPath path, Version version, String content) {
        memory.add(new MemoryWrite(agent, path, version, content));
    }

    synchronized void chat(ChatRow row) {
        chat.add(row);
    }

    synchronized void started(JournalEntry entry) {
        started.add(entry);
    }

    synchronized void finished(JournalEntry entry) {
        finished.add(entry);
    }

    synchronized void receipt(Receipt receipt) {
        receipts.add(receipt);
    }

    /** Notes a write made outside the decorated ports (the proof's stand-in for the user). */
    public synchronized void acknowledged(AgentId agent, MemoryPath path, Version version, String content) {
        memory(agent, path, version, content);
    }

    /** Notes a chat row appended outside the decorated ports. */
    public synchronized void acknowledged(ChatRow row) {
        chat(row);
    }

    /** How many writes were acknowledged in all. */
    public synchronized int count() {
        return memory.size() + chat.size() + started.size() + finished.size() + receipts.size();
    }

    /**
     * The acknowledged writes of {@code agent} the stores no longer hold: a daily log that lost a
     * line (it only ever grows), a memory version gone from the history, a HEARTBEAT.md that lost a
     * task, a MEMORY.md that is not the last one written, a chat row gone or changed, a journal
     * entry gone or moved back from its acknowledged outcome, a relay receipt the relay forgot.
     */
    public synchronized List<String> lost(AgentStores stores, Relay relay, AgentId agent) {
        List<String> lost = new ArrayList<>();
        Map<MemoryPath, List<MemoryWrite>> byPath = new LinkedHashMap<>();
        memory.stream().filter(w -> w.agent().equals(agent)).forEach(w -> byPath.computeIfAbsent(w.path(), p -> new ArrayList<>()).add(w));
        byPath.forEach((path, writes) -> {
            String current = stores.memory().read(agent, path).map(MemoryFile::content).orElse("");
            Set<Version> history = stores.memory().history(agent, path).stream().map(v -> v.version())
                    .collect(Collectors.toSet());
            for (MemoryWrite write : writes) {
                if (!history.contains(write.version())) {
                    lost.add("memory " + path + " version " + write.version() + " is gone from its history");
                } else if (path.day().isPresent() && !current.startsWith(write.content())) {
                    lost.add("daily log " + path + " lost a line it had acknowledged");
                }
            }
            if (path.equals(MemoryPath.HEARTBEAT)) {
                Set<String> tasks = taskIds(current);
                writes.stream().flatMap(w -> taskIds(w.content()).stream()).distinct().filter(id -> !tasks.contains(id))
                        .forEach(id -> lost.add("HEARTBEAT.md lost task " + id));
            }
            if (path.equals(MemoryPath.MEMORY) && !current.equals(writes.get(writes.size() - 1).content())) {
                lost.add("MEMORY.md is not the last version written");
            }
        });
        Map<String, ChatRow> rows = stores.chat().all(agent).stream()
                .collect(Collectors.toMap(r -> r.id().value(), r -> r, (a, b) -> a));
        chat.stream().filter(r -> r.agent().equals(agent)).filter(r -> !r.equals(rows.get(r.id().value())))
                .forEach(r -> lost.add("chat row " + r.id() + " is gone or changed"));
        for (JournalEntry entry : started) {
            if (entry.agent().equals(agent) && stores.journal().find(agent, entry.task(), entry.slot()).isEmpty()) {
                lost.add("journal entry " + entry.task() + "@" + entry.slot() + " is gone");
            }
        }
        for (JournalEntry entry : finished) {
            Optional<JournalEntry> now = entry.agent().equals(agent)
                    ? stores.journal().find(agent, entry.task(), entry.slot()) : Optional.of(entry);
            if (now.map(JournalEntry::status).filter(entry.status()::equals).isEmpty()) {
                lost.add("journal entry " + entry.task() + "@" + entry.slot() + " is no longer " + entry.status());
            }
        }
        Collection<Receipt> held = relay.receipts(agent).orElse(List.of());
        receipts.stream().filter(r -> r.agent().equals(agent)).filter(r -> held.stream()
                .noneMatch(h -> h.messageId().equals(r.messageId()) && h.sequence() == r.sequence()))
                .forEach(r -> lost.add("relay receipt #" + r.sequence() + " for " + r.messageId() + " is gone"));
        return lost;
    }

    private static Set<String> taskIds(String heartbeat) {
        try {
            return HeartbeatPlan.parse(heartbeat, Set.of("relay.post", "relay.inbox", "http.check", "memory.compact",
                    "memory.audit", "model.prompt")).tasks().stream().map(PlannedTask::id).map(Object::toString)
                    .collect(Collectors.toSet());
        } catch (RuntimeException unreadable) {
            return Set.of();
        }
    }
}
