package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * The decision to run one task for one slot, written before anything is done about it.
 *
 * @param fencingToken the lease token of the invocation that owns the entry now
 * @param note what happened, one line, once finished
 */
public record JournalEntry(AgentId agent, TaskId task, Instant slot, MessageId messageId, Status status,
        long fencingToken, Instant startedAt, String note) {

    public enum Status { STARTED, DONE, SKIPPED, FAILED }

    public JournalEntry {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        note = note == null ? "" : note;
    }

    public static JournalEntry started(AgentId agent, TaskId task, Instant slot, long fencingToken, Instant now) {
        return new JournalEntry(agent, task, slot, MessageId.of(agent, task, slot), Status.STARTED, fencingToken, now, "");
    }

    public JournalEntry finished(Status outcome, String note) {
        return new JournalEntry(agent, task, slot, messageId, outcome, fencingToken, startedAt, note);
    }

    public JournalEntry claimedBy(long newToken) {
        return new JournalEntry(agent, task, slot, messageId, status, newToken, startedAt, note);
    }
}
