package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Embedded Metric Format line CloudWatch turns into the per-agent heartbeat metric the alarms read. */
class HeartbeatMetricTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T09:15:00Z"), ZoneOffset.UTC);

    private String emitted(HeartbeatOutcome outcome) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeartbeatMetric.emit(AgentId.of("agent-7f3a"), outcome, clock, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void emit_forADoneHeartbeat_writesOneEmfLineCountingABeatForTheAgent() throws Exception {
        String out = emitted(new HeartbeatOutcome.Done(TaskId.of("hello"), Instant.parse("2026-11-22T09:00:00Z"), "ok"));

        assertThat(out.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(out);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.path("Namespace").asText()).isEqualTo("Heartwood");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("AgentId");
        assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("Heartbeat");
        assertThat(line.path("AgentId").asText()).isEqualTo("agent-7f3a");
        assertThat(line.path("Heartbeat").asInt()).isEqualTo(1);
        assertThat(line.path("HeartbeatFailed").asInt()).isZero();
    }

    @Test
    void emit_forAFailedHeartbeat_countsTheBeatAndTheFailure() throws Exception {
        JsonNode line = new ObjectMapper().readTree(emitted(new HeartbeatOutcome.Failed("relay unreachable")));

        assertThat(line.path("Heartbeat").asInt()).isEqualTo(1);
        assertThat(line.path("HeartbeatFailed").asInt()).isEqualTo(1);
        assertThat(line.toString()).doesNotContain("relay unreachable");
    }

    @Test
    void emit_forABusyHeartbeat_writesNothing() {
        assertThat(emitted(new HeartbeatOutcome.Busy())).isEmpty();
    }
}
