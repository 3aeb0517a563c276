package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.plan.HeartbeatPlan;
import dev.heartwood.core.heartbeat.task.MemoryAuditTask;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.heartbeat.task.TaskExecutor;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One heartbeat on real stores and the real HEARTBEAT.md plan: what runs, what is logged, what
 * never happens twice. Run against the in-memory fakes, the files of the embedded default and the
 * AWS adapters on the emulators.
 */
public abstract class RunHeartbeatContract {

    /** The three stores a heartbeat keeps its state in. */
    public record HeartbeatStores(MemoryStore memory, Journal journal, LeaseStore leases) {
    }

    /** Fresh stores for one test; the lease store must read time from {@code clock}. */
    protected abstract HeartbeatStores newStores(Clock clock);


    /** A clock the test moves. */
    public static final class MovableClock extends Clock {
        public volatile Instant now;

        public MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Stands in for the relay: delivers each message id once, like the real one; can be told to fail first. */
    public static final class RecordingRelay implements OutboxSender {
        final Map<MessageId, Receipt> delivered = new ConcurrentHashMap<>();
        final AtomicInteger sends = new AtomicInteger();
        volatile int failNext;

        @Override
        public Receipt send(OutboxMessage message) {
            sends.incrementAndGet();
            if (failNext > 0) {
                failNext--;
                throw new IllegalStateException("relay unreachable");
            }
            return delivered.computeIfAbsent(message.id(), id -> new Receipt(message.agent(), id.value(),
                    delivered.size() + 1, Instant.EPOCH, "did:key:test"));
        }
    }

    // A fresh agent per test, so stores shared between tests (an emulator's tables) never mix them.
    private final AgentId agent = AgentId.of("agent-" + Long.toString(System.nanoTime(), 36));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T09:10:00Z"));
    private final RecordingRelay relay = new RecordingRelay();
    private MemoryStore memory;
    private Journal journal;
    private LeaseStore leases;
    private List<TaskExecutor> executors;

    @BeforeEach
    void setUpStores() {
        HeartbeatStores stores = newStores(clock);
        memory = stores.memory();
        journal = stores.journal();
        leases = stores.leases();
        executors = List.of(new RelayPostTask(), new MemoryAuditTask(memory, clock, Duration.ofDays(30)));
    }

    private RunHeartbeat heartbeat(String owner) {
        return new RunHeartbeat(leases, journal, memory,
                new PlanHeartbeat(executors.stream().map(TaskExecutor::kind).collect(java.util.stream.Collectors.toSet())),
                executors, relay, new AppendDailyLog(memory, Redactor.standard(), MemoryLimits.DEFAULT, clock), clock,
                Duration.ofMinutes(5), owner);
    }

    private void heartbeatFile(String tasks) {
        memory.write(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\nMy notes stay as they are.\n\n## Periodic checks\n\n" + tasks
                + "\n## Next actions\n", new WriteCondition.Unconditional());
    }

    private String dailyLog() {
        return memory.read(agent, MemoryPath.dailyLog(LocalDate.ofInstant(clock.now, ZoneOffset.UTC)))
                .map(f -> f.content()).orElse("");
    }

    @Test
    void run_whenATaskIsDue_journalsPostsOnceAndRecordsTheRun() {
        heartbeatFile("- **hello** relay.post `good morning` — every 30m\n");

        HeartbeatOutcome first = heartbeat("a").run(agent);
        HeartbeatOutcome second = heartbeat("a").run(agent);

        assertThat(first).isInstanceOf(HeartbeatOutcome.Done.class);
        assertThat(((HeartbeatOutcome.Done) first).slot()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(second).isInstanceOf(HeartbeatOutcome.NothingDue.class);
        assertThat(relay.delivered).hasSize(1).containsKey(MessageId.of(agent, TaskId.of("hello"), Instant.parse("2026-11-22T09:00:00Z")));
        assertThat(journal.open(agent)).isEmpty();
        String heartbeat = memory.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content();
        assertThat(heartbeat).contains("My notes stay as they are.", "last: 2026-11-22T09:00Z done");
        assertThat(dailyLog()).contains("ran hello slot 2026-11-22T09:00:00Z: relay receipt #1");
    }

    @Test
    void run_twoConcurrentHeartbeats_produceOneEffect() throws Exception {
        heartbeatFile("- **hello** relay.post `good morning` — every 30m\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HeartbeatOutcome>> outcomes = List.of(
                pool.submit(() -> { go.await(); return heartbeat("lambda-1").run(agent); }),
                pool.submit(() -> { go.await(); return heartbeat("lambda-2").run(agent); }));
        go.countDown();

        List<HeartbeatOutcome> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());
        pool.shutdown();

        assertThat(results).filteredOn(o -> o instanceof HeartbeatOutcome.Done).hasSize(1);
        assertThat(relay.delivered).hasSize(1);
        assertThat(relay.sends.get()).isEqualTo(1);
    }

    @Test
    void run_whenThePostFailsAfterJournaling_theNextHeartbeatResumesWithTheSameMessageId() {
        heartbeatFile("- **hello** relay.post `good morning` — every 30m\n");
        relay.failNext = 1;

        HeartbeatOutcome crashed = heartbeat("a").run(agent);
        assertThat(journal.open(agent)).hasSize(1);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        HeartbeatOutcome resumed = heartbeat("b").run(agent);

        assertThat(crashed).isInstanceOf(HeartbeatOutcome.Failed.class);
        assertThat(resumed).isInstanceOf(HeartbeatOutcome.Resumed.class);
        assertThat(relay.delivered).hasSize(1).containsKey(MessageId.of(agent, TaskId.of("hello"), Instant.parse("2026-11-22T09:00:00Z")));
        assertThat(journal.open(agent)).isEmpty();
        assertThat(dailyLog()).contains("will be retried by the next heartbeat", "resumed hello");
    }

    @Test
    void run_whenAPostKeepsFailingForADay_givesItUpAndTheOtherTasksRunAgain() {
        heartbeatFile("- **hello** relay.post `good morning` — every 30m\n"
                + "- **audit** memory.audit — daily 09:00\n");
        relay.failNext = Integer.MAX_VALUE;
        HeartbeatOutcome first = heartbeat("a").run(agent);
        clock.now = clock.now.plus(Duration.ofHours(23));
        HeartbeatOutcome stillTrying = heartbeat("a").run(agent);
        clock.now = clock.now.plus(Duration.ofHours(2));

        HeartbeatOutcome givenUp = heartbeat("a").run(agent);
        relay.failNext = 0;
        HeartbeatOutcome next = heartbeat("a").run(agent);

        assertThat(first).isInstanceOf(HeartbeatOutcome.Failed.class);
        assertThat(stillTrying).isInstanceOf(HeartbeatOutcome.Failed.class);
        assertThat(((HeartbeatOutcome.Failed) givenUp).reason()).contains("given up", "was never sent");
        assertThat(journal.open(agent)).isEmpty();
        assertThat(journal.find(agent, TaskId.of("hello"), Instant.parse("2026-11-22T09:00:00Z")))
                .map(JournalEntry::status).contains(JournalEntry.Status.FAILED);
        assertThat(next).isInstanceOf(HeartbeatOutcome.Done.class);
        assertThat(relay.delivered).doesNotContainKey(MessageId.of(agent, TaskId.of("hello"),
                Instant.parse("2026-11-22T09:00:00Z")));
        assertThat(dailyLog()).contains("heartbeat hello slot 2026-11-22T09:00:00Z given up");
    }

    @Test
    void run_afterASixHourOutage_runsEachTaskOnceAndLogsEverySkippedSlot() {
        heartbeatFile("- **ping** relay.post `still here` — every 30m, catch-up once\n"
                + "- **digest** relay.post `daily digest` — daily 09:00\n");
        clock.now = Instant.parse("2026-11-22T09:05:00Z");
        heartbeat("a").run(agent);
        heartbeat("a").run(agent);
        int before = relay.delivered.size();

        clock.now = Instant.parse("2026-11-22T15:10:00Z");
        HeartbeatOutcome afterOutage = heartbeat("a").run(agent);
        HeartbeatOutcome then = heartbeat("a").run(agent);

        assertThat(before).isEqualTo(2);
        assertThat(afterOutage).isInstanceOf(HeartbeatOutcome.Done.class);
        assertThat(((HeartbeatOutcome.Done) afterOutage).slot()).isEqualTo(Instant.parse("2026-11-22T15:00:00Z"));
        assertThat(then).isInstanceOf(HeartbeatOutcome.NothingDue.class);
        assertThat(relay.delivered).hasSize(3);
        assertThat(dailyLog().lines().filter(l -> l.contains("skipped ping slot"))).hasSize(11);
    }

    @Test
    void run_whenHeartbeatMdIsBroken_failsNamingTheLineAndChangesNothing() {
        heartbeatFile("- **hello** relay.post `good morning` — evry 30m\n");

        HeartbeatOutcome outcome = heartbeat("a").run(agent);

        assertThat(outcome).isInstanceOf(HeartbeatOutcome.Failed.class);
        assertThat(((HeartbeatOutcome.Failed) outcome).reason()).contains("line 7");
        assertThat(relay.sends.get()).isZero();
        assertThat(journal.open(agent)).isEmpty();
        assertThat(dailyLog()).contains("heartbeat failed: HEARTBEAT.md cannot be read");
    }

    @Test
    void run_whenTheLeaseIsHeld_returnsBusyAtOnce() {
        heartbeatFile("- **hello** relay.post `good morning` — every 30m\n");
        leases.acquire(agent, "someone-else", Duration.ofMinutes(5));

        assertThat(heartbeat("a").run(agent)).isInstanceOf(HeartbeatOutcome.Busy.class);
        assertThat(relay.sends.get()).isZero();
    }

    @Test
    void run_withNoModelConfigured_failsThatTaskClearlyAndStillRunsTheOthers() {
        heartbeatFile("- **ask** model.prompt `what should I do today?` — every 30m\n"
                + "- **hello** relay.post `good morning` — every 30m\n");
        var store = memory;
        var log = new AppendDailyLog(store, Redactor.standard(), MemoryLimits.DEFAULT, clock);
        List<TaskExecutor> withModel = List.of(new RelayPostTask(), new dev.heartwood.core.heartbeat.task.ModelPromptTask(
                dev.heartwood.core.model.ModelClient.none(), new dev.heartwood.core.memory.BuildContext(store,
                        new dev.heartwood.core.memory.InMemoryChatLog(clock), clock,
                        dev.heartwood.core.memory.ContextBudget.DEFAULT), log, 256));
        RunHeartbeat run = new RunHeartbeat(leases, journal, store, new PlanHeartbeat(java.util.Set.of("relay.post", "model.prompt")),
                withModel, relay, log, clock, Duration.ofMinutes(5), "a");

        List<HeartbeatOutcome> outcomes = List.of(run.run(agent), run.run(agent), run.run(agent));

        assertThat(outcomes).filteredOn(o -> o instanceof HeartbeatOutcome.Failed)
                .singleElement().satisfies(o -> assertThat(((HeartbeatOutcome.Failed) o).reason()).contains("no model configured"));
        assertThat(outcomes).filteredOn(o -> o instanceof HeartbeatOutcome.Done).hasSize(1);
        assertThat(relay.delivered).hasSize(1);
        assertThat(dailyLog()).contains("heartbeat ask failed: model.prompt ask: no model configured");
    }

    @Test
    void plan_ofTheSeededTemplate_hasNothingDue() {
        assertThat(HeartbeatPlan.parse(dev.heartwood.core.memory.SeedMemory.template(MemoryPath.HEARTBEAT, agent),
                HeartbeatPlan.BUILT_IN_KINDS).next(clock.now, Map.of())).isEmpty();
    }
}
