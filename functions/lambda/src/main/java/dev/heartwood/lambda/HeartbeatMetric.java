package dev.heartwood.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.identity.AgentId;
import java.io.PrintStream;
import java.time.Clock;

/**
 * One CloudWatch Embedded Metric Format line per heartbeat, on standard output (which Lambda sends
 * to CloudWatch Logs, where it becomes a metric — no API call, no extra latency): namespace
 * {@code Heartwood}, dimension {@code AgentId}, {@code Heartbeat} = 1 for every heartbeat that ran
 * (a busy one is not counted: the one holding the lease counts itself) and {@code HeartbeatFailed}
 * = 1 when it failed. The stack's per-agent "heartbeat age" alarms read it.
 */
final class HeartbeatMetric {

    static final String NAMESPACE = "Heartwood";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeartbeatMetric() {
    }

    static void emit(AgentId agent, HeartbeatOutcome outcome) {
        emit(agent, outcome, Clock.systemUTC(), System.out);
    }

    static void emit(AgentId agent, HeartbeatOutcome outcome, Clock clock, PrintStream out) {
        if (outcome instanceof HeartbeatOutcome.Busy) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("AgentId");
        directive.putArray("Metrics").addObject().put("Name", "Heartbeat").put("Unit", "Count");
        directive.withArray("Metrics").addObject().put("Name", "HeartbeatFailed").put("Unit", "Count");
        line.put("AgentId", agent.value());
        line.put("Heartbeat", 1);
        line.put("HeartbeatFailed", outcome instanceof HeartbeatOutcome.Failed ? 1 : 0);
        line.put("Outcome", outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        out.println(line);
    }
}
