package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunHeartbeatTest extends RunHeartbeatContract {

    @Override
    protected HeartbeatStores newStores(Clock clock) {
        return new HeartbeatStores(new dev.heartwood.core.memory.InMemoryMemoryStore(), new InMemoryJournal(),
                new InMemoryLeaseStore(clock));
    }

    private final AgentId agent = AgentId.of("agent-prepare");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T09:10:00Z"), java.time.ZoneOffset.UTC);
    private final InMemoryMemoryStore memory = new InMemoryMemoryStore();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records prepare and send in order; prepare fails when told to. */
    private OutboxSender sender(boolean prepareFails) {
        return new OutboxSender() {
            @Override
            public Receipt send(OutboxMessage message) {
                calls.add("send");
                return new Receipt(message.agent(), message.id().value(), 1, Instant.EPOCH, "did:key:test");
            }

            @Override
            public void prepare(AgentId who) {
                calls.add("prepare " + who);
                if (prepareFails) {
                    throw new IllegalStateException("vault unreachable");
                }
            }
        };
    }

    private HeartbeatOutcome heartbeat(String tasks, boolean prepareFails) {
        memory.write(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n" + tasks, new WriteCondition.Unconditional());
        return new RunHeartbeat(new InMemoryLeaseStore(clock), new InMemoryJournal(), memory, new PlanHeartbeat(Set.of("relay.post")),
                List.of(new RelayPostTask()), sender(prepareFails),
                new AppendDailyLog(memory, Redactor.standard(), MemoryLimits.DEFAULT, clock), clock, Duration.ofMinutes(5), "test")
                .run(agent);
    }

    @Test
    void run_whenAPostIsDue_preparesTheSenderBeforeItSends() {
        HeartbeatOutcome outcome = heartbeat("- **hello** relay.post `good morning` — every 30m\n", false);

        assertThat(outcome).isInstanceOf(HeartbeatOutcome.Done.class);
        assertThat(calls).containsExactly("prepare " + agent, "send");
    }

    @Test
    void run_whenNothingIsDue_neverPreparesTheSender() {
        HeartbeatOutcome outcome = heartbeat("- **hello** relay.post `good morning` — every 30m\n  - last: 2026-11-22T09:00Z done — receipt #1\n", false);

        assertThat(outcome).isInstanceOf(HeartbeatOutcome.NothingDue.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void run_whenPreparingFails_stillSendsAndFinishes() {
        HeartbeatOutcome outcome = heartbeat("- **hello** relay.post `good morning` — every 30m\n", true);

        assertThat(outcome).isInstanceOf(HeartbeatOutcome.Done.class);
        assertThat(calls).containsExactly("prepare " + agent, "send");
    }
}
