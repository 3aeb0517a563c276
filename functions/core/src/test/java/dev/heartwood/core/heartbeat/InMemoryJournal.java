package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link Journal} in maps, for core tests; proven by {@link JournalContract}. */
public final class InMemoryJournal implements Journal {

    private record Slot(AgentId agent, TaskId task, Instant slot) {
    }

    private final Map<Slot, JournalEntry> entries = new HashMap<>();
    private final Map<MessageId, OutboxMessage> outbox = new HashMap<>();

    @Override
    public synchronized List<OpenEntry> open(AgentId agent) {
        return entries.values().stream()
                .filter(e -> e.agent().equals(agent) && e.status() == JournalEntry.Status.STARTED)
                .sorted(Comparator.comparing(JournalEntry::slot).thenComparing(e -> e.task().value()))
                .map(e -> new OpenEntry(e, Optional.ofNullable(outbox.get(e.messageId()))))
                .toList();
    }

    @Override
    public synchronized Optional<JournalEntry> find(AgentId agent, TaskId task, Instant slot) {
        return Optional.ofNullable(entries.get(new Slot(agent, task, slot)));
    }

    @Override
    public synchronized void start(JournalEntry entry, Optional<OutboxMessage> message) {
        if (entry.status() != JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a journal entry starts STARTED, got " + entry.status());
        }
        message.ifPresent(m -> requireOwnMessage(entry, m));
        Slot slot = new Slot(entry.agent(), entry.task(), entry.slot());
        if (entries.containsKey(slot)) {
            throw new JournalConflictException(entry.agent() + " " + entry.task() + " slot " + entry.slot() + " is taken");
        }
        entries.put(slot, entry);
        message.ifPresent(m -> outbox.put(m.id(), m));
    }

    @Override
    public synchronized JournalEntry claim(JournalEntry entry, long fencingToken) {
        Slot slot = new Slot(entry.agent(), entry.task(), entry.slot());
        JournalEntry stored = entries.get(slot);
        if (stored == null || stored.status() != JournalEntry.Status.STARTED || stored.fencingToken() >= fencingToken) {
            throw new JournalConflictException(entry.agent() + " " + entry.task() + " slot " + entry.slot()
                    + " is not open under a token older than " + fencingToken);
        }
        JournalEntry claimed = stored.claimedBy(fencingToken);
        entries.put(slot, claimed);
        return claimed;
    }

    @Override
    public synchronized void finish(JournalEntry finished, Optional<OutboxMessage> sent) {
        if (finished.status() == JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a finished entry is DONE, SKIPPED or FAILED, got STARTED");
        }
        sent.ifPresent(m -> requireOwnMessage(finished, m));
        Slot slot = new Slot(finished.agent(), finished.task(), finished.slot());
        JournalEntry stored = entries.get(slot);
        if (stored == null || stored.status() != JournalEntry.Status.STARTED
                || stored.fencingToken() != finished.fencingToken()) {
            throw new JournalConflictException(finished.agent() + " " + finished.task() + " slot " + finished.slot()
                    + " is not STARTED under token " + finished.fencingToken());
        }
        entries.put(slot, finished);
        sent.ifPresent(m -> outbox.put(m.id(), m));
    }

    @Override
    public synchronized List<OpenEntry> entries(AgentId agent) {
        return entries.values().stream().filter(e -> e.agent().equals(agent))
                .sorted(Comparator.comparing(JournalEntry::slot).thenComparing(e -> e.task().value()))
                .map(e -> new OpenEntry(e, Optional.ofNullable(outbox.get(e.messageId()))))
                .toList();
    }

    @Override
    public synchronized void restore(List<OpenEntry> restored) {
        for (OpenEntry item : restored) {
            item.message().ifPresent(m -> requireOwnMessage(item.entry(), m));
            Slot slot = new Slot(item.entry().agent(), item.entry().task(), item.entry().slot());
            JournalEntry present = entries.get(slot);
            if (present != null && !(present.equals(item.entry())
                    && Optional.ofNullable(outbox.get(present.messageId())).equals(item.message()))) {
                throw new JournalConflictException(item.entry().agent() + " " + item.entry().task() + " slot "
                        + item.entry().slot() + " already holds a different entry");
            }
            entries.put(slot, item.entry());
            item.message().ifPresent(m -> outbox.put(m.id(), m));
        }
    }

    /** What {@link JournalContract#storedMessage} reads. */
    synchronized Optional<OutboxMessage> message(MessageId id) {
        return Optional.ofNullable(outbox.get(id));
    }

    private static void requireOwnMessage(JournalEntry entry, OutboxMessage message) {
        if (!message.id().equals(entry.messageId()) || !message.agent().equals(entry.agent())) {
            throw new IllegalArgumentException("message " + message.id() + " of " + message.agent()
                    + " is not the message of entry " + entry.messageId() + " of " + entry.agent());
        }
    }
}
