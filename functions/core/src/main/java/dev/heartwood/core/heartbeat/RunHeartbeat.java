package dev.heartwood.core.heartbeat;

import dev.heartwood.core.heartbeat.task.TaskExecutor;
import dev.heartwood.core.heartbeat.task.TaskFailedException;
import dev.heartwood.core.heartbeat.task.TaskRun;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.relay.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One heartbeat in three waves of requests: take the agent's lease while reading HEARTBEAT.md and
 * the open journal entries; finish any work a crash left behind or else pick the one due task, and
 * journal the decision (with the message it will send) before acting; act, then write the outcome
 * to the journal (giving the lease back with it), the daily log and HEARTBEAT.md. With nothing due
 * it takes two: the first, and the release.
 *
 * <p>Why no effect happens twice: the journal entry for a (task, slot) can be created only once;
 * its message id is derived from (agent, task, slot); a resumed entry re-sends the journaled body
 * under that id, and the relay delivers an id once. A second concurrent invocation finds the
 * lease taken and returns {@code Busy} at once.
 *
 * <p>The reads go out beside the lease acquisition, not after it, which saves a round trip on
 * every heartbeat. They can miss a write only if the previous holder gave the lease up (or let it
 * expire) while they were in flight, and nothing they return acts on its own: a task slot is
 * started by a conditional journal write that fails if the slot was decided since (the heartbeat
 * then skips it and repairs HEARTBEAT.md), an open entry is resumed through a conditional claim
 * that fails if it was finished or claimed since, and HEARTBEAT.md is written back only over the
 * version read. A stale read costs at most a heartbeat that skips; it never sends twice.
 */
public final class RunHeartbeat {

    private static final System.Logger LOG = System.getLogger("heartwood.heartbeat");

    /** How long unfinished work is resumed before it is given up (see {@code giveUp}). */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private final LeaseStore leases;
    private final Journal journal;
    private final MemoryStore memory;
    private final HeartbeatPlanning planning;
    private final Map<String, TaskExecutor> executors;
    private final OutboxSender outbox;
    private final AppendDailyLog dailyLog;
    private final Clock clock;
    private final Duration leaseTtl;
    private final String owner;

    public RunHeartbeat(LeaseStore leases, Journal journal, MemoryStore memory, HeartbeatPlanning planning,
            List<TaskExecutor> executors, OutboxSender outbox, AppendDailyLog dailyLog, Clock clock, Duration leaseTtl,
            String owner) {
        this.leases = leases;
        this.journal = journal;
        this.memory = memory;
        this.planning = planning;
        this.executors = executors.stream().collect(Collectors.toUnmodifiableMap(TaskExecutor::kind, Function.identity()));
        this.outbox = outbox;
        this.dailyLog = dailyLog;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
        this.owner = owner;
    }

    public HeartbeatOutcome run(AgentId agent) {
        Optional<Lease> lease;
        Optional<MemoryFile> heartbeat;
        List<Journal.OpenEntry> open;
        // The first wave: the lease and the reads together (see the class comment for why reading
        // beside the lease, rather than after it, never lets anything happen twice).
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            var take = CompletableFuture.supplyAsync(() -> leases.acquire(agent, owner, leaseTtl), wave);
            var readHeartbeat = CompletableFuture.supplyAsync(() -> memory.read(agent, MemoryPath.HEARTBEAT), wave);
            var readOpen = CompletableFuture.supplyAsync(() -> journal.open(agent), wave);
            lease = join(take);
            if (lease.isEmpty()) {
                return new HeartbeatOutcome.Busy();
            }
            try {
                heartbeat = join(readHeartbeat);
                open = join(readOpen);
            } catch (RuntimeException unreadable) {
                leases.release(lease.get());
                throw unreadable;
            }
        }
        Holding holding = new Holding(lease.get());
        try {
            return runHolding(agent, holding, heartbeat, open);
        } finally {
            if (!holding.released) {
                leases.release(holding.lease);
            }
        }
    }

    /** The lease of one run, and whether the journal's last write already gave it back. */
    private static final class Holding {
        final Lease lease;
        volatile boolean released;

        Holding(Lease lease) {
            this.lease = lease;
        }
    }

    private HeartbeatOutcome runHolding(AgentId agent, Holding lease, Optional<MemoryFile> heartbeat,
            List<Journal.OpenEntry> open) {
        if (!open.isEmpty()) {
            return resume(agent, lease, open.get(0), heartbeat);
        }
        if (heartbeat.isEmpty()) {
            return new HeartbeatOutcome.NothingDue();
        }
        Optional<Due> due;
        try {
            due = planning.next(agent, heartbeat.get().content(), clock.instant());
        } catch (IllegalArgumentException broken) {
            String reason = "HEARTBEAT.md cannot be read: " + broken.getMessage();
            dailyLog.run(agent, "heartbeat failed: " + reason);
            return new HeartbeatOutcome.Failed(reason);
        }
        if (due.isEmpty()) {
            return new HeartbeatOutcome.NothingDue();
        }
        return runDue(agent, lease, due.get(), heartbeat.get());
    }

    private HeartbeatOutcome runDue(AgentId agent, Holding lease, Due due, MemoryFile heartbeat) {
        for (Instant skipped : due.skipped()) {
            dailyLog.run(agent, "skipped " + due.task() + " slot " + skipped + " (catch-up " + due.policy() + ")");
        }
        if (due.runnable().isEmpty()) {
            recordInHeartbeat(agent, heartbeat, due.task(), due.recordAs(), "skipped",
                    due.skipped().size() + " missed slots skipped (catch-up " + due.policy() + ")");
            return new HeartbeatOutcome.Skipped(due.task(), due.recordAs(), "catch-up " + due.policy() + " skipped "
                    + due.skipped().size() + " missed slots");
        }
        TaskRun run = due.run();
        TaskExecutor executor = executors.get(run.kind());
        if (executor == null) {
            String reason = "task " + run.task() + " has kind " + run.kind() + ", which no executor runs (known: "
                    + String.join(", ", executors.keySet().stream().sorted().toList()) + ")";
            dailyLog.run(agent, "heartbeat failed: " + reason);
            return new HeartbeatOutcome.Failed(reason);
        }
        Optional<OutboxMessage> message;
        try {
            message = executor.prepare(run).map(body -> OutboxMessage.pending(agent, run.messageId(), body));
        } catch (RuntimeException failed) {
            return fail(agent, run, heartbeat, failed);
        }
        JournalEntry started = JournalEntry.started(agent, run.task(), run.slot(), lease.lease.fencingToken(), clock.instant());
        // The open entry remembers what to run, so a resume does not depend on HEARTBEAT.md staying unchanged.
        JournalEntry entry = new JournalEntry(agent, run.task(), run.slot(), started.messageId(), started.status(),
                started.fencingToken(), started.startedAt(), StartedNote.encode(run));
        // Beside the journal write: today's log is read, so the write wave appends to it in one request,
        // and the signing key is made ready, so the post is not preceded by a vault round trip of its own.
        AppendDailyLog.Prefetched log;
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            var intent = CompletableFuture.runAsync(() -> journal.start(entry, message), wave);
            var prefetch = CompletableFuture.supplyAsync(() -> dailyLog.prefetch(agent), wave);
            // A failed preparation is left to the send, which then fetches the key itself and reports its own failure.
            var key = message.isPresent()
                    ? CompletableFuture.runAsync(() -> outbox.prepare(agent), wave).exceptionally(notReady -> null)
                    : CompletableFuture.<Void>completedFuture(null);
            join(intent);
            log = prefetchedOrNone(prefetch);
            key.join();
        } catch (JournalConflictException taken) {
            // Decided before: if it finished but HEARTBEAT.md missed the write-back, repair that now,
            // or the same slot would be chosen again at every heartbeat.
            Optional<JournalEntry> earlier = journal.find(agent, run.task(), run.slot());
            if (earlier.isPresent() && earlier.get().status() != JournalEntry.Status.STARTED) {
                recordInHeartbeat(agent, heartbeat, run.task(), run.slot(),
                        earlier.get().status().name().toLowerCase(java.util.Locale.ROOT), earlier.get().note());
            }
            return new HeartbeatOutcome.Skipped(run.task(), run.slot(), "already decided by another invocation");
        }
        return act(lease, entry, run, executor, message, heartbeat, false, log);
    }

    /** A failed read ahead costs nothing but the saving: the append then reads for itself, and reports its own failure. */
    private static AppendDailyLog.Prefetched prefetchedOrNone(CompletableFuture<AppendDailyLog.Prefetched> prefetch) {
        try {
            return join(prefetch);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private HeartbeatOutcome resume(AgentId agent, Holding lease, Journal.OpenEntry open, Optional<MemoryFile> heartbeat) {
        JournalEntry entry;
        try {
            entry = open.entry().fencingToken() == lease.lease.fencingToken() ? open.entry()
                    : journal.claim(open.entry(), lease.lease.fencingToken());
        } catch (JournalConflictException lost) {
            return new HeartbeatOutcome.Skipped(open.entry().task(), open.entry().slot(), "resumed by another invocation");
        }
        if (clock.instant().isAfter(entry.startedAt().plus(GIVE_UP_AFTER))) {
            return giveUp(agent, entry, open.message(), heartbeat.orElse(null));
        }
        LOG.log(System.Logger.Level.INFO, "resuming {0} {1} slot {2}", agent, entry.task(), entry.slot());
        TaskRun run = StartedNote.decode(entry);
        TaskExecutor executor = executors.get(run.kind());
        if (executor == null && open.message().isEmpty()) {
            String reason = "cannot resume " + entry.task() + ": no executor runs kind " + run.kind();
            dailyLog.run(agent, "heartbeat failed: " + reason);
            return new HeartbeatOutcome.Failed(reason);
        }
        return act(lease, entry, run, executor, open.message(), heartbeat.orElse(null), true, null);
    }

    private HeartbeatOutcome act(Holding lease, JournalEntry entry, TaskRun run, TaskExecutor executor,
            Optional<OutboxMessage> message, MemoryFile heartbeat, boolean resumed, AppendDailyLog.Prefetched log) {
        AgentId agent = entry.agent();
        String note;
        Optional<OutboxMessage> sent = Optional.empty();
        try {
            StringBuilder notes = new StringBuilder();
            if (message.isPresent()) {
                Receipt receipt = outbox.send(message.get());
                sent = Optional.of(new OutboxMessage(agent, message.get().id(), message.get().body(), true, receipt.sequence()));
                notes.append("relay receipt #").append(receipt.sequence()).append(" for ").append(receipt.messageId());
            }
            if (executor != null) {
                String performed = executor.perform(run);
                notes.append(notes.length() == 0 ? "" : "; ").append(performed);
            }
            note = notes.length() == 0 ? "done" : notes.toString();
        } catch (RuntimeException failed) {
            // The entry stays STARTED: the next heartbeat resumes it with the same message id.
            String reason = run.task() + " failed: " + reason(failed);
            dailyLog.run(agent, "heartbeat " + reason + " (will be retried by the next heartbeat)");
            return new HeartbeatOutcome.Failed(reason);
        }
        writeWave(lease, entry.finished(JournalEntry.Status.DONE, note), sent, heartbeat, run,
                (resumed ? "resumed " : "ran ") + run.task() + " slot " + run.slot() + ": " + note, log);
        return resumed ? new HeartbeatOutcome.Resumed(run.task(), run.slot(), note)
                : new HeartbeatOutcome.Done(run.task(), run.slot(), note);
    }

    /**
     * Work still unfinished a day after it was decided is given up, so one task that keeps failing
     * (a model that is down for good, a relay that refuses the message) cannot hold back every other
     * task forever. Its message, if any, is recorded as never sent; the next slot gets a fresh try.
     */
    private HeartbeatOutcome giveUp(AgentId agent, JournalEntry entry, Optional<OutboxMessage> message, MemoryFile heartbeat) {
        String reason = entry.task() + " slot " + entry.slot() + " given up: still unfinished " + GIVE_UP_AFTER.toHours()
                + " hours after it was decided at " + entry.startedAt()
                + (message.isPresent() ? "; its message " + entry.messageId() + " was never sent" : "");
        try {
            journal.finish(entry.finished(JournalEntry.Status.FAILED, reason), Optional.empty());
        } catch (JournalConflictException lost) {
            return new HeartbeatOutcome.Skipped(entry.task(), entry.slot(), "finished by another invocation");
        }
        dailyLog.run(agent, "heartbeat " + reason);
        if (heartbeat != null) {
            recordInHeartbeat(agent, heartbeat, entry.task(), entry.slot(), "failed", reason);
        }
        return new HeartbeatOutcome.Failed(reason);
    }

    /** A task that failed before anything was journaled: logged in both places, nothing else written. */
    private HeartbeatOutcome fail(AgentId agent, TaskRun run, MemoryFile heartbeat, RuntimeException failed) {
        String reason = run.task() + " failed: " + reason(failed);
        dailyLog.run(agent, "heartbeat " + reason);
        recordInHeartbeat(agent, heartbeat, run.task(), run.slot(), "failed", reason(failed));
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", agent, reason);
        return new HeartbeatOutcome.Failed(reason);
    }

    /**
     * Journal, daily log and HEARTBEAT.md are independent writes: issued together, waited for
     * together. The new HEARTBEAT.md text is worked out before any is issued, so all three are in
     * flight at once, and the daily log is appended over its prefetched version when there is one.
     * The lease is given back by the journal's write, once the entry is finished (in the same
     * atomic write where journal and lease share a table), so no resume can claim work that is
     * done; a next heartbeat that reads HEARTBEAT.md before its write lands skips the slot, as the
     * class comment says.
     */
    private void writeWave(Holding lease, JournalEntry finished, Optional<OutboxMessage> sent, MemoryFile heartbeat,
            TaskRun run, String logLine, AppendDailyLog.Prefetched log) {
        AgentId agent = finished.agent();
        String recorded = heartbeat == null ? null : withRun(heartbeat, run.task(), run.slot(), "done", finished.note());
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            var journalWrite = CompletableFuture.runAsync(() -> {
                journal.finishReleasing(finished, sent, lease.lease, leases);
                lease.released = true;
            }, wave);
            var logWrite = CompletableFuture.runAsync(() -> dailyLog.run(agent, logLine, log), wave);
            var heartbeatWrite = CompletableFuture.runAsync(
                    () -> writeHeartbeat(agent, heartbeat, recorded, run.task(), run.slot(), "done", finished.note()), wave);
            join(journalWrite);
            join(logWrite);
            join(heartbeatWrite);
        }
    }

    /** Records the slot (not the wall time: catch-up counts missed slots from it) in HEARTBEAT.md. */
    private void recordInHeartbeat(AgentId agent, MemoryFile read, TaskId task, Instant slot, String outcome, String note) {
        writeHeartbeat(agent, read, read == null ? null : withRun(read, task, slot, outcome, note), task, slot, outcome, note);
    }

    /** Writes {@code recorded} over {@code read}; when the user edited the file meanwhile, records into their newest text instead. */
    private void writeHeartbeat(AgentId agent, MemoryFile read, String recorded, TaskId task, Instant slot, String outcome,
            String note) {
        MemoryFile current = read;
        String updated = recorded;
        for (int attempt = 0; attempt < 5 && current != null && updated != null; attempt++) {
            try {
                memory.write(agent, MemoryPath.HEARTBEAT, updated, new WriteCondition.IfUnchanged(current.version()));
                return;
            } catch (MemoryConflictException edited) {
                current = memory.read(agent, MemoryPath.HEARTBEAT).orElse(null);
                updated = current == null ? null : withRun(current, task, slot, outcome, note);
            }
        }
    }

    /** {@code file} with the run recorded, or {@code null} when the task was removed from it meanwhile: nothing to record into. */
    private String withRun(MemoryFile file, TaskId task, Instant slot, String outcome, String note) {
        try {
            return planning.recordRun(file.content(), task, slot, outcome, note);
        } catch (IllegalArgumentException unknownTask) {
            return null;
        }
    }

    private static String reason(RuntimeException failed) {
        return failed instanceof TaskFailedException ? failed.getMessage()
                : failed.getClass().getSimpleName() + ": " + failed.getMessage();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
