package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.RunHeartbeatBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code QUARKUS_LAMBDA_HANDLER=worker}: heartbeats from the FIFO queue (one message group per
 * agent), answering with partial batch failures ({@code ReportBatchItemFailures}); which records
 * come back is {@link RunHeartbeatBatch}'s to decide.
 */
@Named("worker")
public class WorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    RunHeartbeat heartbeat;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<RunHeartbeatBatch.Message> messages = new ArrayList<>();
        for (Object item : event.get("Records") instanceof List<?> records ? records : List.of()) {
            Map<?, ?> record = item instanceof Map<?, ?> map ? map : Map.of();
            messages.add(new RunHeartbeatBatch.Message(String.valueOf(record.get("messageId")),
                    String.valueOf(record.get("body"))));
        }
        RunHeartbeatBatch.Outcome outcome = new RunHeartbeatBatch(heartbeat).run(messages);
        outcome.ran().forEach(ran -> HeartbeatMetric.emit(ran.agent(), ran.outcome()));
        List<Map<String, String>> failures = outcome.failed().stream().map(id -> Map.of("itemIdentifier", id)).toList();
        return Map.of("batchItemFailures", failures);
    }
}
