package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link Journal} promises, proven once per adapter. */
public abstract class JournalContract {

    protected static final Instant SLOT = Instant.parse("2026-03-01T09:00:00Z");
    protected static final Instant NOW = SLOT.plusSeconds(7);
    protected static final TaskId TASK = TaskId.of("morning-post");

    protected Journal journal;
    protected AgentId agent;

    protected abstract Journal newJournal();

    /**
     * The message as the adapter stored it for {@code entry}, sent or not. The port reads only the
     * messages of open entries, so the contract looks at storage to see what {@code finish} recorded.
     */
    protected abstract Optional<OutboxMessage> storedMessage(JournalEntry entry);

    /**
     * The lease store kept beside this journal, for {@link Journal#finishReleasing}. By default a
     * store of its own: the port's default finishes, then releases, whatever the lease store is.
     */
    protected LeaseStore leasesBeside(Clock clock) {
        return new InMemoryLeaseStore(clock);
    }

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpJournal() {
        journal = newJournal();
        agent = newAgent();
    }

    private JournalEntry entry(TaskId task, Instant slot, long token) {
        return new JournalEntry(agent, task, slot, MessageId.of(agent, task, slot), JournalEntry.Status.STARTED, token,
                NOW, "{\"kind\":\"relay.post\",\"argument\":\"good morning\"}");
    }

    private OutboxMessage message(JournalEntry entry, String body) {
        return OutboxMessage.pending(entry.agent(), entry.messageId(), body);
    }

    @Test
    void find_whenNothingStarted_isEmpty() {
        assertThat(journal.find(agent, TASK, SLOT)).isEmpty();
        assertThat(journal.open(agent)).isEmpty();
    }

    @Test
    void start_thenFindAndOpen_returnTheEntryAsWritten() {
        JournalEntry entry = entry(TASK, SLOT, 3);

        journal.start(entry, Optional.empty());

        assertThat(journal.find(agent, TASK, SLOT)).contains(entry);
        assertThat(journal.open(agent)).containsExactly(new Journal.OpenEntry(entry, Optional.empty()));
        assertThat(journal.find(agent, TASK, SLOT.plusSeconds(60))).isEmpty();
    }

    @Test
    void start_withAMessage_thenOpen_returnsItPending() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        OutboxMessage message = message(entry, "{\"messageId\":\"" + entry.messageId() + "\",\"text\":\"hé ✓\"}");

        journal.start(entry, Optional.of(message));

        assertThat(journal.open(agent)).containsExactly(new Journal.OpenEntry(entry, Optional.of(message)));
        assertThat(storedMessage(entry)).contains(message);
    }

    @Test
    void start_ofATakenSlot_conflictsAndKeepsTheFirstEntryAndMessage() {
        JournalEntry first = entry(TASK, SLOT, 3);
        OutboxMessage firstMessage = message(first, "{\"text\":\"first\"}");
        journal.start(first, Optional.of(firstMessage));

        JournalEntry second = entry(TASK, SLOT, 4);
        assertThatThrownBy(() -> journal.start(second, Optional.of(message(second, "{\"text\":\"second\"}"))))
                .isInstanceOf(JournalConflictException.class);

        assertThat(journal.find(agent, TASK, SLOT)).contains(first);
        assertThat(journal.open(agent)).containsExactly(new Journal.OpenEntry(first, Optional.of(firstMessage)));
        assertThat(storedMessage(first)).contains(firstMessage);
    }

    @Test
    void start_ofAnEntryNotStarted_isRefused() {
        JournalEntry done = entry(TASK, SLOT, 3).finished(JournalEntry.Status.DONE, "done");

        assertThatThrownBy(() -> journal.start(done, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STARTED");
        assertThat(journal.find(agent, TASK, SLOT)).isEmpty();
    }

    @Test
    void start_withAnotherEntrysMessage_isRefused() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        OutboxMessage foreign = OutboxMessage.pending(agent, MessageId.of(agent, TASK, SLOT.plusSeconds(1)), "{}");

        assertThatThrownBy(() -> journal.start(entry, Optional.of(foreign))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message");
        assertThat(journal.find(agent, TASK, SLOT)).isEmpty();
    }

    @Test
    void claim_withALargerToken_movesOwnership() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        OutboxMessage message = message(entry, "{\"text\":\"hi\"}");
        journal.start(entry, Optional.of(message));

        JournalEntry claimed = journal.claim(entry, 9);

        assertThat(claimed).isEqualTo(entry.claimedBy(9));
        assertThat(journal.find(agent, TASK, SLOT)).contains(claimed);
        assertThat(journal.open(agent)).containsExactly(new Journal.OpenEntry(claimed, Optional.of(message)));
    }

    @Test
    void claim_withAnEqualOrSmallerToken_conflictsAndChangesNothing() {
        JournalEntry entry = entry(TASK, SLOT, 5);
        journal.start(entry, Optional.empty());

        assertThatThrownBy(() -> journal.claim(entry, 5)).isInstanceOf(JournalConflictException.class);
        assertThatThrownBy(() -> journal.claim(entry, 4)).isInstanceOf(JournalConflictException.class);

        assertThat(journal.find(agent, TASK, SLOT)).contains(entry);
    }

    @Test
    void claim_ofAFinishedOrMissingEntry_conflicts() {
        JournalEntry entry = entry(TASK, SLOT, 5);
        journal.start(entry, Optional.empty());
        journal.finish(entry.finished(JournalEntry.Status.DONE, "done"), Optional.empty());

        assertThatThrownBy(() -> journal.claim(entry, 6)).isInstanceOf(JournalConflictException.class);
        assertThatThrownBy(() -> journal.claim(entry(TASK, SLOT.plusSeconds(60), 5), 6))
                .isInstanceOf(JournalConflictException.class);
        assertThat(journal.find(agent, TASK, SLOT).orElseThrow().status()).isEqualTo(JournalEntry.Status.DONE);
    }

    @Test
    void finish_byTheOwner_recordsTheOutcomeAndMarksTheMessageSent() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        OutboxMessage message = message(entry, "{\"text\":\"hi\"}");
        journal.start(entry, Optional.of(message));
        JournalEntry finished = entry.finished(JournalEntry.Status.DONE, "relay receipt #42");
        OutboxMessage sent = new OutboxMessage(agent, message.id(), message.body(), true, 42);

        journal.finish(finished, Optional.of(sent));

        assertThat(journal.find(agent, TASK, SLOT)).contains(finished);
        assertThat(journal.open(agent)).isEmpty();
        assertThat(storedMessage(entry)).contains(sent);
    }

    @Test
    void finish_byAStaleTokenAfterAClaim_conflictsAndChangesNothing() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        OutboxMessage message = message(entry, "{\"text\":\"hi\"}");
        journal.start(entry, Optional.of(message));
        JournalEntry claimed = journal.claim(entry, 4);

        assertThatThrownBy(() -> journal.finish(entry.finished(JournalEntry.Status.DONE, "late"),
                Optional.of(new OutboxMessage(agent, message.id(), message.body(), true, 7))))
                .isInstanceOf(JournalConflictException.class);

        assertThat(journal.find(agent, TASK, SLOT)).contains(claimed);
        assertThat(journal.open(agent)).containsExactly(new Journal.OpenEntry(claimed, Optional.of(message)));
        assertThat(storedMessage(entry)).contains(message);
    }

    @Test
    void finish_twice_conflictsAndKeepsTheFirstOutcome() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        journal.start(entry, Optional.empty());
        JournalEntry done = entry.finished(JournalEntry.Status.DONE, "first");
        journal.finish(done, Optional.empty());

        assertThatThrownBy(() -> journal.finish(entry.finished(JournalEntry.Status.FAILED, "second"), Optional.empty()))
                .isInstanceOf(JournalConflictException.class);

        assertThat(journal.find(agent, TASK, SLOT)).contains(done);
    }

    @Test
    void finish_ofAnEntryNeverStarted_conflicts() {
        JournalEntry entry = entry(TASK, SLOT, 3);

        assertThatThrownBy(() -> journal.finish(entry.finished(JournalEntry.Status.DONE, "x"), Optional.empty()))
                .isInstanceOf(JournalConflictException.class);
        assertThat(journal.find(agent, TASK, SLOT)).isEmpty();
    }

    @Test
    void finish_withStatusStarted_isRefusedAndChangesNothing() {
        JournalEntry entry = entry(TASK, SLOT, 3);
        journal.start(entry, Optional.empty());

        assertThatThrownBy(() -> journal.finish(entry, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DONE");
        assertThat(journal.find(agent, TASK, SLOT)).contains(entry);
    }

    @ParameterizedTest
    @EnumSource(value = JournalEntry.Status.class, names = {"DONE", "SKIPPED", "FAILED"})
    void finish_withAnyOutcome_keepsStatusAndNote(JournalEntry.Status outcome) {
        JournalEntry entry = entry(TASK, SLOT, 3);
        journal.start(entry, Optional.empty());
        JournalEntry finished = entry.finished(outcome, "note for " + outcome + ": ünïcode, \"quotes\"");

        journal.finish(finished, Optional.empty());

        assertThat(journal.find(agent, TASK, SLOT)).contains(finished);
        assertThat(journal.open(agent)).isEmpty();
    }

    @Test
    void open_listsOnlyStartedEntries_oldestSlotFirst() {
        TaskId other = TaskId.of("a-check");
        JournalEntry latest = entry(TASK, SLOT.plusSeconds(7200), 3);
        JournalEntry oldest = entry(TASK, SLOT, 3);
        JournalEntry middle = entry(other, SLOT.plusSeconds(3600), 3);
        JournalEntry finished = entry(other, SLOT.minusSeconds(3600), 3);
        for (JournalEntry e : new JournalEntry[] {latest, finished, oldest, middle}) {
            journal.start(e, Optional.empty());
        }
        journal.finish(finished.finished(JournalEntry.Status.SKIPPED, "caught up"), Optional.empty());

        assertThat(journal.open(agent)).extracting(Journal.OpenEntry::entry).containsExactly(oldest, middle, latest);
    }

    @Test
    void agents_haveSeparateJournals() {
        JournalEntry mine = entry(TASK, SLOT, 3);
        journal.start(mine, Optional.empty());
        AgentId other = newAgent();
        JournalEntry theirs = JournalEntry.started(other, TASK, SLOT, 1, NOW);

        journal.start(theirs, Optional.empty());

        assertThat(journal.open(other)).containsExactly(new Journal.OpenEntry(theirs, Optional.empty()));
        assertThat(journal.find(other, TASK, SLOT)).contains(theirs);
        assertThat(journal.open(agent)).extracting(Journal.OpenEntry::entry).containsExactly(mine);
    }

    @Test
    void entries_listEveryStatusWithItsMessage_andRestoreElsewhereGivesThemBack() {
        JournalEntry done = entry(TASK, SLOT, 3);
        OutboxMessage pending = message(done, "{\"messageId\":\"" + done.messageId() + "\",\"text\":\"first\"}");
        journal.start(done, Optional.of(pending));
        OutboxMessage sent = new OutboxMessage(agent, done.messageId(), pending.body(), true, 41);
        journal.finish(done.finished(JournalEntry.Status.DONE, "relay receipt #41"), Optional.of(sent));
        JournalEntry open = entry(TASK, SLOT.plusSeconds(1800), 4);
        OutboxMessage waiting = message(open, "{\"messageId\":\"" + open.messageId() + "\",\"text\":\"second\"}");
        journal.start(open, Optional.of(waiting));
        JournalEntry quiet = entry(TaskId.of("audit"), SLOT.plusSeconds(60), 4);
        journal.start(quiet, Optional.empty());

        List<Journal.OpenEntry> kept = journal.entries(agent);

        assertThat(kept).containsExactly(
                new Journal.OpenEntry(done.finished(JournalEntry.Status.DONE, "relay receipt #41"), Optional.of(sent)),
                new Journal.OpenEntry(quiet, Optional.empty()),
                new Journal.OpenEntry(open, Optional.of(waiting)));
        Journal elsewhere = newJournal();
        elsewhere.restore(kept);
        elsewhere.restore(kept);
        assertThat(elsewhere.entries(agent)).isEqualTo(kept);
        assertThat(elsewhere.open(agent)).extracting(Journal.OpenEntry::entry).containsExactly(quiet, open);
    }

    @Test
    void restore_overADifferentEntry_isAConflictAndKeepsTheOriginal() {
        JournalEntry original = entry(TASK, SLOT, 3);
        journal.start(original, Optional.empty());
        JournalEntry other = original.finished(JournalEntry.Status.FAILED, "from another installation");

        assertThatThrownBy(() -> journal.restore(List.of(new Journal.OpenEntry(other, Optional.empty()))))
                .isInstanceOf(JournalConflictException.class);
        assertThat(journal.find(agent, TASK, SLOT)).contains(original);
    }

    @Test
    void finishReleasing_finishesTheEntryMarksItsMessageSentAndGivesTheLeaseBack() {
        LeaseStore leases = leasesBeside(new LeaseStoreContract.SteppingClock(NOW));
        Lease lease = leases.acquire(agent, "worker-a", Duration.ofMinutes(5)).orElseThrow();
        JournalEntry entry = entry(TASK, SLOT, lease.fencingToken());
        OutboxMessage message = message(entry, "{\"text\":\"hi\"}");
        journal.start(entry, Optional.of(message));
        JournalEntry done = entry.finished(JournalEntry.Status.DONE, "relay receipt #4");
        OutboxMessage sent = new OutboxMessage(agent, message.id(), message.body(), true, 4);

        journal.finishReleasing(done, Optional.of(sent), lease, leases);

        assertThat(journal.find(agent, TASK, SLOT)).contains(done);
        assertThat(journal.open(agent)).isEmpty();
        assertThat(storedMessage(entry)).contains(sent);
        assertThat(leases.acquire(agent, "worker-b", Duration.ofMinutes(5))).as("the lease was given back")
                .hasValueSatisfying(next -> assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken()));
    }

    @Test
    void finishReleasing_afterTheLeaseWasTakenOver_finishesTheEntryAndLeavesTheNewHoldersLease() {
        LeaseStoreContract.SteppingClock clock = new LeaseStoreContract.SteppingClock(NOW);
        LeaseStore leases = leasesBeside(clock);
        Lease stalled = leases.acquire(agent, "worker-a", Duration.ofMinutes(1)).orElseThrow();
        JournalEntry entry = entry(TASK, SLOT, stalled.fencingToken());
        journal.start(entry, Optional.empty());
        clock.advance(Duration.ofMinutes(2));
        leases.acquire(agent, "worker-b", Duration.ofMinutes(5)).orElseThrow();
        JournalEntry done = entry.finished(JournalEntry.Status.DONE, "ok");

        journal.finishReleasing(done, Optional.empty(), stalled, leases);

        assertThat(journal.find(agent, TASK, SLOT)).contains(done);
        assertThat(leases.acquire(agent, "worker-c", Duration.ofMinutes(5))).as("worker-b's lease still holds").isEmpty();
    }

    @Test
    void finishReleasing_ofWorkANewerLeaseClaimed_isAConflictAndGivesTheLeaseBackAllTheSame() {
        LeaseStore leases = leasesBeside(new LeaseStoreContract.SteppingClock(NOW));
        Lease lease = leases.acquire(agent, "worker-a", Duration.ofMinutes(5)).orElseThrow();
        JournalEntry entry = entry(TASK, SLOT, lease.fencingToken());
        journal.start(entry, Optional.empty());
        JournalEntry claimed = journal.claim(entry, lease.fencingToken() + 1);

        assertThatThrownBy(() -> journal.finishReleasing(entry.finished(JournalEntry.Status.DONE, "ok"), Optional.empty(),
                lease, leases)).isInstanceOf(JournalConflictException.class);

        assertThat(journal.find(agent, TASK, SLOT)).contains(claimed);
        assertThat(leases.acquire(agent, "worker-b", Duration.ofMinutes(5))).as("the lease was given back").isPresent();
    }
}
