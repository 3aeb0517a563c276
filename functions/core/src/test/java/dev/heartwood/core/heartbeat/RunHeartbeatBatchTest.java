package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.redaction.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunHeartbeatBatchTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:15:00Z"), ZoneOffset.UTC);

    private final InMemoryLeaseStore leases = new InMemoryLeaseStore(CLOCK);
    private final InMemoryMemoryStore memory = new InMemoryMemoryStore();
    private final RunHeartbeatBatch batch = new RunHeartbeatBatch(new RunHeartbeat(leases, new InMemoryJournal(), memory,
            new PlanHeartbeat(Set.of("relay.post")), List.of(new RelayPostTask()),
            new RunHeartbeatContract.RecordingRelay(), new AppendDailyLog(memory, Redactor.standard(), MemoryLimits.DEFAULT,
                    CLOCK), CLOCK, Duration.ofMinutes(5), "worker"));

    private static RunHeartbeatBatch.Message wake(String id, String agent) {
        return new RunHeartbeatBatch.Message(id, "{\"agentId\":\"" + agent + "\",\"scheduledTime\":\"2026-11-22T09:15:00Z\"}");
    }

    @Test
    void run_whenTheFirstMessageIsPoison_reportsOnlyItAndRunsEveryOther() {
        RunHeartbeatBatch.Outcome outcome = batch.run(List.of(new RunHeartbeatBatch.Message("m0", "{\"agentId\": 42}"),
                wake("m1", "agent-a"), wake("m2", "agent-b"), wake("m3", "agent-a")));

        // Found by heartwood proof (partial batch): reporting the messages after a failure too made
        // them come back with the poison one at every receive, into the dead-letter queue with it.
        assertThat(outcome.failed()).containsExactly("m0");
        assertThat(outcome.ran()).extracting(RunHeartbeatBatch.Ran::id).containsExactly("m1", "m2", "m3");
    }

    @Test
    void run_whenAnAgentIsBusy_reportsItsMessageForLater() {
        leases.acquire(AgentId.of("agent-busy"), "another-invocation", Duration.ofMinutes(5));

        RunHeartbeatBatch.Outcome outcome = batch.run(List.of(wake("m1", "agent-busy"), wake("m2", "agent-free")));

        assertThat(outcome.failed()).containsExactly("m1");
        assertThat(outcome.ran()).extracting(RunHeartbeatBatch.Ran::outcome)
                .containsExactly(new HeartbeatOutcome.Busy(), new HeartbeatOutcome.NothingDue());
    }

    @Test
    void run_whenABodyIsNotJson_reportsIt() {
        RunHeartbeatBatch.Outcome outcome = batch.run(List.of(new RunHeartbeatBatch.Message("m1",
                "heartbeat agent-7f3a 2026-11-22T09:25:00Z")));

        assertThat(outcome.failed()).containsExactly("m1");
        assertThat(outcome.ran()).isEmpty();
    }
}
