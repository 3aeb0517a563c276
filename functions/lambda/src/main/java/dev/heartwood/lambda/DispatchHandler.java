package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.dispatch.DispatchResult;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code QUARKUS_LAMBDA_HANDLER=dispatch}: the fleet tick. Each scheduled event (an EventBridge
 * rule or schedule, once a minute) enqueues every agent whose wake time has come to the heartbeat
 * queue, in batches of ten. A failed tick throws: the next tick is the retry, and nothing it did
 * not enqueue is lost, since an agent advances only after the queue took it.
 */
@Named("dispatch")
public class DispatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final System.Logger LOG = System.getLogger("heartwood.lambda.dispatch");

    @Inject
    DispatchDueAgents dispatch;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object time = event == null ? null : event.get("time");
        Instant now;
        try {
            if (!(time instanceof String text)) {
                throw new IllegalArgumentException("time: " + (time == null ? "missing" : "not a string")
                        + ", expected the scheduled event's ISO-8601 time such as \"2026-11-22T09:15:00Z\"");
            }
            now = Instant.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException invalid) {
            String reason = invalid instanceof DateTimeParseException ? "time: '" + time + "' is not an ISO-8601 instant"
                    : invalid.getMessage();
            LOG.log(System.Logger.Level.WARNING, "dispatch tick rejected: {0}", reason);
            return Map.of("status", "rejected", "reason", reason);
        }
        DispatchResult result = dispatch.run(now);
        LOG.log(System.Logger.Level.INFO, "dispatch at {0}: {1} due, {2} enqueued, {3} failed, {4} pages over {5} shards",
                now, result.found(), result.enqueued(), result.failed(), result.pages(), result.shards());
        return Map.of("status", "done", "found", result.found(), "enqueued", result.enqueued(), "failed", result.failed(),
                "raced", result.raced(), "pages", result.pages(), "shards", result.shards(), "failures", result.failures());
    }
}
