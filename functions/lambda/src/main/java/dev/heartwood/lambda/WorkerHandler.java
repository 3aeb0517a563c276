package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code QUARKUS_LAMBDA_HANDLER=worker}: heartbeats from the FIFO queue (one message group per
 * agent), answering with partial batch failures ({@code ReportBatchItemFailures}).
 *
 * <p>A record whose body cannot be read, or whose agent is busy, is reported failed so SQS delivers
 * it again — after {@code maxReceiveCount} a poison message lands in the DLQ, never dropped. On a
 * FIFO queue the records after the first failure are reported failed too, so a group's order holds.
 * A redelivered record is harmless: the journal makes its heartbeat a no-op.
 */
@Named("worker")
public class WorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final System.Logger LOG = System.getLogger("heartwood.lambda.worker");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RunHeartbeat heartbeat;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<Map<String, String>> failures = new ArrayList<>();
        boolean failed = false;
        for (Object item : event.get("Records") instanceof List<?> records ? records : List.of()) {
            Map<?, ?> record = item instanceof Map<?, ?> map ? map : Map.of();
            String messageId = String.valueOf(record.get("messageId"));
            if (failed || !process(messageId, record.get("body"))) {
                failed = true;
                failures.add(Map.of("itemIdentifier", messageId));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    /** Returns false when the record must come back: unreadable, or the agent's lease is held elsewhere. */
    private boolean process(String messageId, Object body) {
        try {
            Map<String, Object> input = JSON.readValue(String.valueOf(body), new TypeReference<>() { });
            HeartbeatRequest request = HeartbeatRequest.from(input);
            HeartbeatOutcome outcome = heartbeat.run(request.agent());
            HeartbeatMetric.emit(request.agent(), outcome);
            return !(outcome instanceof HeartbeatOutcome.Busy);
        } catch (IOException | IllegalArgumentException unreadable) {
            // The reason names fields only; the body itself is never logged.
            LOG.log(System.Logger.Level.WARNING, "SQS message {0} rejected: {1}", messageId,
                    unreadable instanceof IOException ? "body is not JSON" : unreadable.getMessage());
            return false;
        } catch (RuntimeException unavailable) {
            // A store or the relay failing for this record must not fail the records already done.
            LOG.log(System.Logger.Level.WARNING, "SQS message {0} will be retried: {1}", messageId,
                    unavailable.getClass().getSimpleName() + ": " + unavailable.getMessage());
            return false;
        }
    }
}
