package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelException.Kind;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import dev.heartwood.core.model.ModelSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Bedrock adapter against a local server replaying recorded Converse responses: the SDK is
 * pointed at it with AWS_ENDPOINT_URL_BEDROCK_RUNTIME, so the real client serialises, signs and
 * parses, and the test sees exactly what went over the wire.
 */
class BedrockModelClientTest {

    private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelRequest REQUEST = new ModelRequest("You are Scout, a careful agent.",
            List.of(ModelMessage.user("What is next on HEARTBEAT.md?"), ModelMessage.assistant("Let me look."),
                    ModelMessage.user("Just the next task, please.")), 256, 0.25);

    private record Received(String method, String rawPath, String contentType, String authorization, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private AwsClients clients;

    @AfterEach
    void tearDown() {
        if (clients != null) {
            clients.close();
        }
        server.stop(0);
    }

    @Test
    void complete_sendsAConverseRequestToTheModelsPath() throws IOException {
        serve(200, "converse.json", null, Duration.ZERO);

        new BedrockModelClient(clients, MODEL).complete(REQUEST);

        Received sent = received.getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(sent.authorization()).startsWith("AWS4-HMAC-SHA256").contains("/us-east-1/bedrock/aws4_request");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("system")).hasSize(1);
        assertThat(body.path("system").get(0).path("text").asText()).isEqualTo("You are Scout, a careful agent.");
        assertThat(body.path("messages")).hasSize(3);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("What is next on HEARTBEAT.md?");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(body.path("messages").get(2).path("content").get(0).path("text").asText()).isEqualTo("Just the next task, please.");
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(256);
        assertThat(body.path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.25);
    }

    @Test
    void complete_readsTheRecordedConverseReply() throws IOException {
        serve(200, "converse.json", null, Duration.ZERO);

        ModelReply reply = new BedrockModelClient(clients, MODEL).complete(REQUEST);

        assertThat(reply).isEqualTo(new ModelReply(
                "The next task on HEARTBEAT.md is to post the weekly summary to the relay.", MODEL, 41, 18, "end_turn"));
    }

    @Test
    void complete_whenTheModelReasonsFirst_repliesWithTheTextOnly() throws IOException {
        serve(200, "converse-reasoning.json", null, Duration.ZERO);

        ModelReply reply = new BedrockModelClient(clients, MODEL).complete(ModelRequest.of("", "What is next?", 64, 1));

        assertThat(reply).isEqualTo(new ModelReply("Post the weekly summary.", MODEL, 52, 64, "max_tokens"));
        assertThat(JSON.readTree(received.getFirst().body()).has("system")).as("a blank system prompt is left out").isFalse();
    }

    @Test
    void complete_whenAccessDenied_saysHowToEnableTheModel() throws IOException {
        serve(403, "access-denied.json", "AccessDeniedException", Duration.ZERO);

        ModelException failure = catchThrowableOfType(ModelException.class, () -> new BedrockModelClient(clients, MODEL).complete(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(failure).hasMessageStartingWith("Bedrock: no access to model " + MODEL + " in region us-east-1: enable it in"
                        + " the Bedrock console or grant bedrock:InvokeModel")
                .hasMessageContaining("You don't have access to the model")
                .hasMessageNotContaining("secret-test-key")
                .hasCauseInstanceOf(software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException.class);
    }

    @Test
    void complete_whenThrottled_isRateLimitedAndRetryable() throws IOException {
        serve(429, "throttling.json", "ThrottlingException", Duration.ZERO);

        ModelException failure = catchThrowableOfType(ModelException.class, () -> new BedrockModelClient(clients, MODEL).complete(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("Bedrock model " + MODEL + " in region us-east-1 is rate limited: retry later")
                .hasMessageContaining("ThrottlingException");
    }

    @Test
    void complete_whenTheModelIdIsInvalid_isABadRequestQuotingBedrock() throws IOException {
        serve(400, "validation.json", "ValidationException", Duration.ZERO);

        ModelException failure = catchThrowableOfType(ModelException.class, () -> new BedrockModelClient(clients, MODEL).complete(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("ValidationException").hasMessageContaining("The provided model identifier is invalid.");
        assertThat(received).as("a refused request is not retried").hasSize(1);
    }

    @Test
    void complete_whenNoAnswerInTime_isUnavailableNamingTheTimeout() throws IOException {
        serve(200, "converse.json", null, Duration.ofSeconds(3));

        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> new BedrockModelClient(clients, MODEL, Duration.ofMillis(500)).complete(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure).hasMessageContaining("no answer within PT0.5S (HEARTWOOD_MODEL_TIMEOUT)");
    }

    @Test
    void from_whenSettingsAreForAnotherProvider_isRefused() throws IOException {
        serve(200, "converse.json", null, Duration.ZERO);
        ModelSettings openAi = ModelSettings.fromEnvironment(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m"));

        assertThatThrownBy(() -> BedrockModelClient.from(clients, openAi))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTWOOD_MODEL_PROVIDER=bedrock");
        assertThat(BedrockModelClient.from(clients, ModelSettings.fromEnvironment(
                Map.of("HEARTWOOD_MODEL_PROVIDER", "bedrock", "HEARTWOOD_MODEL", MODEL))))
                .hasToString("BedrockModelClient[model=" + MODEL + ", region=us-east-1, timeout=PT1M]");
    }

    @Test
    void bedrockRuntime_isBuiltOnceWithItsOwnGenerousTimeout() throws IOException {
        serve(200, "converse.json", null, Duration.ZERO);

        assertThat(clients.bedrockRuntime()).isSameAs(clients.bedrockRuntime());
        var config = clients.bedrockRuntime().serviceClientConfiguration();
        assertThat(config.endpointOverride()).contains(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        // The store clients' 20 s call budget would cut a long generation short.
        assertThat(config.overrideConfiguration().apiCallTimeout()).contains(AwsClients.MODEL_CALL_TIMEOUT);
        assertThat(clients.dynamoDb().serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                .contains(AwsSettings.DEFAULT_CALL_TIMEOUT);
    }

    /** Starts the stand-in and points an AwsClients at it through the standard per-service endpoint variable. */
    private void serve(int status, String resource, String errorType, Duration delay) throws IOException {
        byte[] body = resource(resource);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "recorded-bedrock");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            sleep(delay);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "5b8f0a7e-3c1d-4e8a-9f2b-7d6c5e4a3b21");
            if (errorType != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        clients = new AwsClients(AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret-test-key",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:" + server.getAddress().getPort())));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BedrockModelClientTest.class.getResourceAsStream("/bedrock/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded response " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
