package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * The agent's decisions, written before it acts: the control table in AWS, files locally.
 * Every write is conditional, so two invocations can never both own one task slot.
 */
public interface Journal {

    /** An entry with the message it sends, if any (for {@link #open}: an unfinished one). */
    record OpenEntry(JournalEntry entry, Optional<OutboxMessage> message) {
    }

    /** Entries still STARTED, oldest slot first: work a crash left unfinished, to resume before anything new. */
    List<OpenEntry> open(AgentId agent);

    /** The entry for one task slot, in any status. */
    Optional<JournalEntry> find(AgentId agent, TaskId task, java.time.Instant slot);

    /**
     * Records the decision, and the message it will send if any, in one atomic write.
     *
     * @throws JournalConflictException if the slot already has an entry; nothing is written
     */
    void start(JournalEntry entry, Optional<OutboxMessage> message);

    /**
     * Moves an unfinished entry to a newer lease (a resume after the previous holder's lease expired).
     *
     * @throws JournalConflictException if the entry is finished or already owned by a token at least as new
     */
    JournalEntry claim(JournalEntry entry, long fencingToken);

    /**
     * Records the outcome of an entry the caller owns, and marks its message sent when {@code sent} is given.
     *
     * @throws JournalConflictException if the entry is not STARTED under {@code entry.fencingToken()} any more
     */
    void finish(JournalEntry finished, Optional<OutboxMessage> sent);

    /**
     * {@link #finish}, then gives {@code lease} back: the heartbeat's last write. The release
     * follows the finish, never precedes it, so the next holder cannot claim work that is done. An
     * adapter that keeps the journal and the lease in one table does both in one atomic write.
     *
     * @throws JournalConflictException as {@link #finish} does; the lease is given back all the same
     */
    default void finishReleasing(JournalEntry finished, Optional<OutboxMessage> sent, Lease lease, LeaseStore leases) {
        try {
            finish(finished, sent);
        } finally {
            leases.release(lease);
        }
    }

    /** Every entry of the agent in any status, oldest slot first, each with its message as stored: what a backup keeps. */
    List<OpenEntry> entries(AgentId agent);

    /**
     * Writes entries exactly as given, for a restore into another installation. An identical entry
     * already there is kept, so a restore that failed halfway can be run again.
     *
     * @throws JournalConflictException if a slot already holds a different entry; that entry is not written
     */
    void restore(List<OpenEntry> entries);
}
