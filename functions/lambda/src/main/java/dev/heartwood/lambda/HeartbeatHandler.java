package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.HeartbeatRequest;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/** {@code QUARKUS_LAMBDA_HANDLER=heartbeat}: one agent's heartbeat, invoked by EventBridge Scheduler. */
@Named("heartbeat")
public class HeartbeatHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final System.Logger LOG = System.getLogger("heartwood.lambda.heartbeat");

    @Inject
    RunHeartbeat heartbeat;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        HeartbeatRequest request;
        try {
            request = HeartbeatRequest.from(input);
        } catch (IllegalArgumentException invalid) {
            LOG.log(System.Logger.Level.WARNING, "heartbeat input rejected: {0}", invalid.getMessage());
            return HeartbeatReply.rejected(invalid.getMessage());
        }
        HeartbeatOutcome outcome = heartbeat.run(request.agent());
        HeartbeatMetric.emit(request.agent(), outcome);
        return HeartbeatReply.of(outcome);
    }
}
