package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The heartbeat handler behind the mock event server, on the events/ fixtures and in-memory stores. */
@QuarkusTest
class HeartbeatHandlerTest {

    private static final AgentId AGENT = AgentId.of("agent-7f3a");

    @Inject
    InMemoryWiring wiring;

    @Test
    void handleRequest_whenATaskIsDue_runsItOnceThenFindsNothingDue() {
        wiring.memory.write(AGENT, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n", new WriteCondition.Unconditional());

        JsonPath first = LambdaEvents.invoke(LambdaEvents.fixture("scheduler-heartbeat.json"));
        JsonPath second = LambdaEvents.invoke(LambdaEvents.fixture("scheduler-heartbeat.json"));

        assertThat(first.getString("outcome")).isEqualTo("done");
        assertThat(first.getString("task")).isEqualTo("hello");
        assertThat(first.getString("slot")).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(first.getString("note")).contains("relay receipt #");
        assertThat(second.getString("outcome")).isEqualTo("nothing-due");
        assertThat(wiring.sent.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "invalid/missing-fields.json, agentId: missing, scheduledTime: missing",
            "invalid/wrong-types.json, agentId: was Boolean, scheduledTime: was Integer"})
    void handleRequest_whenFieldsAreMissingOrMistyped_rejectsNamingThemAndChangesNothing(String fixture,
            String agentReason, String timeReason) {
        Optional<MemoryFile> before = wiring.memory.read(AGENT, MemoryPath.HEARTBEAT);
        int sentBefore = wiring.sent.get();

        JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture(fixture));

        assertThat(reply.getString("status")).isEqualTo("rejected");
        assertThat(reply.getString("reason")).contains(agentReason, timeReason);
        assertThat(reply.getString("outcome")).isNull();
        assertThat(wiring.memory.read(AGENT, MemoryPath.HEARTBEAT)).isEqualTo(before);
        assertThat(wiring.journal.open(AGENT)).isEmpty();
        assertThat(wiring.sent.get()).isEqualTo(sentBefore);
    }
}
