package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.dispatch.WakeUp;
import dev.heartwood.core.heartbeat.HeartbeatRequest;
import dev.heartwood.core.identity.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fleet tick behind the mock event server: a scheduled event in, the due agents on the heartbeat queue. */
@QuarkusTest
@TestProfile(DispatchHandlerTest.DispatchFunction.class)
class DispatchHandlerTest {

    /** The same function.zip configured as the dispatch function. */
    public static class DispatchFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "dispatch");
        }
    }

    /** dispatch-tick.json's {@code time}. */
    private static final Instant TICK = Instant.parse("2026-11-22T09:15:00Z");

    @Inject
    InMemoryWiring wiring;

    private final List<AgentId> registered = new ArrayList<>();

    @AfterEach
    void leaveTheRosterEmpty() {
        registered.forEach(wiring.roster::remove);
    }

    @Test
    void handleRequest_atTheTick_enqueuesEachDueAgentOnceAndNotTheOneDueLater() {
        register("agent-7f3a", Duration.ofMinutes(5), TICK);
        register("agent-b21e", Duration.ofMinutes(30), Instant.parse("2026-11-22T09:00:00Z"));
        // Missed its 09:00 slot as well: one wake-up for the oldest slot, not one per slot missed.
        register("agent-c4d9", Duration.ofHours(1), Instant.parse("2026-11-22T08:00:00Z"));
        register("agent-e8f0", Duration.ofMinutes(5), TICK.plusSeconds(60));
        int before = wiring.queue.delivered().size();

        JsonPath first = LambdaEvents.invoke(LambdaEvents.fixture("dispatch-tick.json"));

        assertThat(first.getString("status")).isEqualTo("done");
        assertThat(first.getInt("found")).isEqualTo(3);
        assertThat(first.getInt("enqueued")).isEqualTo(3);
        assertThat(first.getInt("failed")).isZero();
        assertThat(first.getInt("shards")).isEqualTo(4);
        List<WakeUp> sent = wiring.queue.delivered().subList(before, wiring.queue.delivered().size());
        assertThat(sent).extracting(w -> w.agent().value() + "@" + w.scheduledTime()).containsExactlyInAnyOrder(
                "agent-7f3a@2026-11-22T09:15:00Z", "agent-b21e@2026-11-22T09:00:00Z", "agent-c4d9@2026-11-22T08:00:00Z");
        assertThat(sent).extracting(WakeUp::executionId).containsOnly(sent.getFirst().executionId());
        for (WakeUp wakeUp : sent) {
            // The worker reads the SQS body {"agentId","scheduledTime","executionId"} with HeartbeatRequest.
            HeartbeatRequest body = HeartbeatRequest.from(Map.of("agentId", wakeUp.agent().value(),
                    "scheduledTime", wakeUp.scheduledTime().toString(), "executionId", wakeUp.executionId()));
            assertThat(body).isEqualTo(new HeartbeatRequest(wakeUp.agent(), wakeUp.scheduledTime()));
            assertThat(wakeUp.deduplicationId()).isEqualTo(wakeUp.agent().value() + "@" + wakeUp.scheduledTime());
        }

        int requests = wiring.queue.requests().size();
        JsonPath again = LambdaEvents.invoke(LambdaEvents.fixture("dispatch-tick.json"));

        assertThat(again.getString("status")).isEqualTo("done");
        assertThat(again.getInt("found")).isZero();
        assertThat(again.getInt("enqueued")).isZero();
        assertThat(wiring.queue.requests()).hasSize(requests);
        assertThat(wiring.queue.delivered()).hasSize(before + 3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid/dispatch-bad-time.json | time: '2026-11-22 09:15:00' is not an ISO-8601 instant",
            "scheduler-heartbeat.json       | time: missing, expected the scheduled event's ISO-8601 time"})
    void handleRequest_whenTheTimeIsMissingOrNotIso_rejectsNamingTheFieldAndEnqueuesNothing(String fixture,
            String reason) {
        register("agent-7f3a", Duration.ofMinutes(5), TICK.minusSeconds(300));
        int requests = wiring.queue.requests().size();

        JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture(fixture));

        assertThat(reply.getString("status")).isEqualTo("rejected");
        assertThat(reply.getString("reason")).contains(reason);
        assertThat(reply.getString("found")).isNull();
        assertThat(wiring.queue.requests()).hasSize(requests);
    }

    private void register(String agent, Duration every, Instant firstWake) {
        AgentId id = AgentId.of(agent);
        wiring.roster.register(id, every, firstWake);
        registered.add(id);
    }
}
