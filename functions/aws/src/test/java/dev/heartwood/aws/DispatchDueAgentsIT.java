package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.dispatch.DispatchResult;
import dev.heartwood.core.dispatch.DueIndex;
import dev.heartwood.core.dispatch.HeartbeatQueue;
import dev.heartwood.core.dispatch.Shards;
import dev.heartwood.core.dispatch.WakeUp;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The fleet tick on DynamoDB Local and the emulated FIFO queue, wired as a Lambda would wire it. */
@AwsIntegrationTest
class DispatchDueAgentsIT {

    private static final int SHARDS = 4;
    private static final int PAGE_SIZE = 2;
    private static final Instant T0 = Instant.parse("2026-11-22T09:15:00Z");
    private static final Duration EVERY = Duration.ofMinutes(15);

    private AwsClients clients;
    private DispatchStores stores;
    private DueIndex index;
    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private final AtomicInteger ticks = new AtomicInteger();
    private DispatchDueAgents dispatch;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        stores = new DispatchStores(clients, emulator.uniquePrefix());
        index = new DynamoDbDueIndex(clients, stores.controlTable, SHARDS);
        HeartbeatQueue sqs = new SqsHeartbeatQueue(clients, stores.heartbeatQueue);
        // Counts SendMessageBatch requests: the emulator cannot say how many it served.
        HeartbeatQueue counted = wakeUps -> {
            batches.add(wakeUps.size());
            return sqs.enqueue(wakeUps);
        };
        dispatch = new DispatchDueAgents(index, counted, () -> "tick-" + ticks.incrementAndGet(), PAGE_SIZE);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private List<AgentId> register(String name, int count, Instant firstWake) {
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AgentId agent = AgentId.of(name + "-" + i);
            index.register(agent, EVERY, firstWake);
            agents.add(agent);
        }
        return agents;
    }

    @Test
    void tick_with25DueAgents_sendsThreeBatchesTheWorkerCanRead_andNothingTheSecondTime() {
        List<AgentId> due = register("agent", 25, T0.minusSeconds(60));
        List<AgentId> notYet = register("later", 3, T0.plusSeconds(1));
        assertThat(due.stream().map(Shards.of(SHARDS)::of).distinct().count()).isEqualTo(SHARDS);

        DispatchResult first = dispatch.run(T0);

        assertThat(first.found()).isEqualTo(25);
        assertThat(first.enqueued()).isEqualTo(25);
        assertThat(first.failed()).isZero();
        assertThat(first.pages()).as("pages of %d agents, %d per page", 25, PAGE_SIZE).isGreaterThanOrEqualTo(13);
        assertThat(batches).containsExactlyInAnyOrder(10, 10, 5);
        List<Message> received = stores.drain();
        assertThat(received).hasSize(25);
        assertThat(received).extracting(DispatchStores::bodyOf).containsExactlyInAnyOrderElementsOf(due.stream()
                .map(a -> Map.<String, Object>of("agentId", a.value(), "scheduledTime", "2026-11-22T09:14:00Z",
                        "executionId", "tick-1")).toList());
        assertThat(received).allSatisfy(m -> assertThat(DispatchStores.groupOf(m))
                .isEqualTo(DispatchStores.bodyOf(m).get("agentId")));

        DispatchResult second = dispatch.run(T0);

        assertThat(second.found()).isZero();
        assertThat(batches).hasSize(3);
        assertThat(stores.drain()).isEmpty();
        assertThat(notYet).allSatisfy(a -> assertThat(received).noneMatch(m -> DispatchStores.bodyOf(m).get("agentId")
                .equals(a.value())));
    }

    @Test
    void tick_atTheNextSlot_wakesEachAgentAgainForThatSlot() {
        List<AgentId> agents = register("agent", 5, T0);
        dispatch.run(T0.plusSeconds(30));
        stores.drain();

        assertThat(dispatch.run(T0.plus(EVERY).minusSeconds(1)).found()).isZero();
        DispatchResult next = dispatch.run(T0.plus(EVERY));

        assertThat(next.enqueued()).isEqualTo(5);
        assertThat(stores.drain()).extracting(DispatchStores::bodyOf)
                .extracting(b -> b.get("agentId"), b -> b.get("scheduledTime"))
                .containsExactlyInAnyOrderElementsOf(agents.stream()
                        .map(a -> tuple(a.value(), "2026-11-22T09:30:00Z")).toList());
    }

    @Test
    void aWakeUpSentAgain_becauseATickDiedBeforeAdvancing_isDroppedByTheQueue() {
        AgentId agent = register("agent", 1, T0).getFirst();
        HeartbeatQueue sqs = new SqsHeartbeatQueue(clients, stores.heartbeatQueue);

        // What a tick that died after enqueueing and one that found the agent still due would both send.
        sqs.enqueue(List.of(new WakeUp(agent, T0, "tick-died")));
        dispatch.run(T0);

        assertThat(stores.drain()).singleElement().extracting(DispatchStores::bodyOf)
                .isEqualTo(Map.of("agentId", agent.value(), "scheduledTime", T0.toString(), "executionId", "tick-died"));
        assertThat(dispatch.run(T0).found()).isZero();
    }
}
