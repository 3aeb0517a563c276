package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.webhook.AnswerWebhook;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code QUARKUS_LAMBDA_HANDLER=webhook}: an API Gateway HTTP API (v2) event in, a v2 response out. */
@Named("webhook")
public class WebhookHandler implements RequestStreamHandler {

    private static final System.Logger LOG = System.getLogger("heartwood.lambda.webhook");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Provider<AnswerWebhook> webhook;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        AnswerWebhook.Answer answer;
        try {
            answer = webhook.get().run(event);
        } catch (RuntimeException failed) {
            // Only the reason of a configuration failure is logged: it names variables, never their values.
            String reason = WiringException.in(failed).map(Throwable::getMessage).orElseThrow(() -> failed);
            LOG.log(System.Logger.Level.ERROR, "webhook is not configured: {0}", reason);
            answer = new AnswerWebhook.Answer(500, "the webhook is not configured");
        }
        String body = JSON.writeValueAsString(answer.status() == 200 ? Map.of("answer", answer.body())
                : Map.of("error", answer.body()));
        JSON.writeValue(output, Map.of("statusCode", answer.status(),
                "headers", Map.of("content-type", "application/json"), "body", body));
    }
}
