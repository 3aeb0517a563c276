package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.dispatch.DispatchException;
import dev.heartwood.core.dispatch.HeartbeatQueue;
import dev.heartwood.core.dispatch.WakeUp;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

@AwsIntegrationTest
class SqsHeartbeatQueueIT {

    private static final Instant SLOT = Instant.parse("2026-11-22T09:15:00Z");

    private AwsClients clients;
    private DispatchStores stores;
    private HeartbeatQueue queue;
    private AwsEmulator emulator;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        this.emulator = emulator;
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        stores = new DispatchStores(clients, emulator.uniquePrefix());
        queue = new SqsHeartbeatQueue(clients, stores.heartbeatQueue);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private static List<WakeUp> wakeUps(int count, String executionId) {
        return IntStream.range(0, count).mapToObj(i -> new WakeUp(AgentId.of("agent-" + i), SLOT, executionId)).toList();
    }

    @Test
    void enqueue_tenWakeUps_reachTheQueueAsTheWorkerReadsThem() {
        List<WakeUp> sent = wakeUps(10, "tick-1");

        assertThat(queue.enqueue(sent)).isEmpty();

        List<Message> received = stores.drain();
        assertThat(received).hasSize(10);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (Message message : received) {
            Map<String, Object> body = DispatchStores.bodyOf(message);
            bodies.add(body);
            assertThat(DispatchStores.groupOf(message)).isEqualTo(body.get("agentId"));
            assertThat(DispatchStores.deduplicationIdOf(message)).isEqualTo(body.get("agentId") + "@" + SLOT);
        }
        assertThat(bodies).containsExactlyInAnyOrderElementsOf(sent.stream().map(w -> Map.<String, Object>of(
                "agentId", w.agent().value(), "scheduledTime", "2026-11-22T09:15:00Z", "executionId", "tick-1")).toList());
    }

    @Test
    void enqueue_theSameAgentAndSlotFromTwoTicks_isDeliveredOnce() {
        assertThat(queue.enqueue(wakeUps(3, "tick-1"))).isEmpty();

        assertThat(queue.enqueue(wakeUps(3, "tick-2"))).isEmpty();

        assertThat(stores.drain()).hasSize(3).allSatisfy(m -> assertThat(DispatchStores.bodyOf(m))
                .containsEntry("executionId", "tick-1"));
    }

    @Test
    void enqueue_ofElevenWakeUps_isRefusedAndSendsNothing() {
        assertThatThrownBy(() -> queue.enqueue(wakeUps(11, "tick-1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 10");

        assertThat(stores.drain()).isEmpty();
    }

    @Test
    void enqueue_ofNothing_isANoOp() {
        assertThat(queue.enqueue(List.of())).isEmpty();
    }

    @Test
    void enqueue_toAQueueThatDoesNotExist_failsNamingItAndTheFix() {
        HeartbeatQueue missing = new SqsHeartbeatQueue(clients, emulator.uniquePrefix() + "-heartbeat.fifo");

        assertThatThrownBy(() -> missing.enqueue(wakeUps(1, "tick-1"))).isInstanceOf(DispatchException.class)
                .hasMessageContaining("-heartbeat.fifo does not exist").hasMessageContaining("bootstrap");
    }
}
