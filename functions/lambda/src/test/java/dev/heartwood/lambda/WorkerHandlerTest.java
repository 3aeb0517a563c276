package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SQS worker behind the mock event server, on the events/ SQS fixtures. */
@QuarkusTest
@TestProfile(WorkerHandlerTest.WorkerFunction.class)
class WorkerHandlerTest {

    /** The same function.zip configured as the worker function. */
    public static class WorkerFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "worker");
        }
    }

    @Inject
    InMemoryWiring wiring;

    @Test
    void handleRequest_sameBatchDeliveredFiveTimes_sendsOneRelayMessageAndFailsNothing() {
        wiring.memory.write(AgentId.of("agent-7f3a"), MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n", new WriteCondition.Unconditional());
        int before = wiring.sent.get();

        for (int delivery = 0; delivery < 5; delivery++) {
            JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture("sqs-heartbeats.json"));
            assertThat(reply.getList("batchItemFailures")).isEmpty();
        }

        assertThat(wiring.sent.get() - before).isEqualTo(1);
    }

    @Test
    void handleRequest_whenARecordIsUnreadable_reportsOnlyThatRecord() {
        JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture("invalid/sqs-record-bad-body.json"));

        // The valid record after it (another agent) runs: held back, it would come back with the poison
        // record at every receive and be dead-lettered with it (found by heartwood proof, partial batch).
        JsonPath event = JsonPath.from(LambdaEvents.fixture("invalid/sqs-record-bad-body.json"));
        assertThat(reply.getList("batchItemFailures.itemIdentifier"))
                .containsExactly(event.getList("Records.messageId").get(0));
    }
}
