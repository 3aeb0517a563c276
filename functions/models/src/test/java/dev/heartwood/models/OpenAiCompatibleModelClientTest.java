package dev.heartwood.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelException.Kind;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import dev.heartwood.core.model.ModelSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against a local server replaying responses recorded from OpenAI and Ollama. */
class OpenAiCompatibleModelClientTest {

    private static final String KEY = "sk-test-0123456789abcdefABCDEF";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelRequest REQUEST = new ModelRequest("You are Scout, a careful agent.",
            List.of(ModelMessage.user("What is next on HEARTBEAT.md?"), ModelMessage.assistant("Let me look."),
                    ModelMessage.user("Just the next task, please.")), 256, 0.2);

    @Test
    void complete_sendsTheChatCompletionsRequestWithTheBearerKey() throws IOException {
        try (RecordedServer server = RecordedServer.answering(200, "chat-completion.json")) {
            client(server.baseUrl(), KEY).complete(REQUEST);

            RecordedServer.Received sent = server.last();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.headers().getFirst("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(sent.headers().getFirst("Content-Type")).isEqualTo("application/json");
            JsonNode body = JSON.readTree(sent.body());
            assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.path("messages")).hasSize(4);
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are Scout, a careful agent.");
            assertThat(body.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
            assertThat(body.path("messages").get(3).path("role").asText()).isEqualTo("user");
            assertThat(body.path("messages").get(3).path("content").asText()).isEqualTo("Just the next task, please.");
        }
    }

    @Test
    void complete_readsTheRecordedOpenAiReply() throws IOException {
        try (RecordedServer server = RecordedServer.answering(200, "chat-completion.json")) {
            ModelReply reply = client(server.baseUrl(), KEY).complete(REQUEST);

            assertThat(reply).isEqualTo(new ModelReply(
                    "The next task on HEARTBEAT.md is to post the weekly summary to the relay.",
                    "gpt-4o-mini-2024-07-18", 42, 17, "stop"));
        }
    }

    @Test
    void complete_whenNoKeyIsSet_sendsNoAuthorizationHeader() throws IOException {
        try (RecordedServer server = RecordedServer.answering(200, "ollama-chat-completion.json")) {
            ModelReply reply = client(server.baseUrl(), null).complete(ModelRequest.of("", "What is next?", 8, 0));

            assertThat(server.last().headers().containsKey("Authorization")).isFalse();
            // An empty system prompt is left out rather than sent as an empty turn.
            assertThat(JSON.readTree(server.last().body()).path("messages")).hasSize(1);
            assertThat(reply).isEqualTo(new ModelReply("Posting the weekly summary is next.", "llama3.2", 38, 8, "length"));
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(401, "error-401.json", Map.of(), Kind.ACCESS_DENIED,
                        "rejected the API key from OPENAI_API_KEY (HTTP 401): Incorrect API key provided: [redacted]"),
                Arguments.of(403, "error-401.json", Map.of(), Kind.ACCESS_DENIED, "rejected the API key from OPENAI_API_KEY (HTTP 403)"),
                Arguments.of(429, "error-429.json", Map.of("Retry-After", "20"), Kind.RATE_LIMITED,
                        "is rate limiting this key (HTTP 429): Rate limit reached for gpt-4o-mini"),
                Arguments.of(500, "error-500.json", Map.of(), Kind.UNAVAILABLE,
                        "is unavailable (HTTP 500): The server had an error while processing your request. Sorry about that!; retry later"),
                Arguments.of(503, "error-500.json", Map.of(), Kind.UNAVAILABLE, "is unavailable (HTTP 503)"),
                Arguments.of(404, "error-404-model.json", Map.of(), Kind.BAD_REQUEST,
                        "refused the request (HTTP 404): The model `gpt-4o-mini` does not exist"),
                Arguments.of(404, "ollama-error-404.json", Map.of(), Kind.BAD_REQUEST,
                        "refused the request (HTTP 404): model \"llama3.2\" not found, try pulling it first"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("refusals")
    void complete_whenTheProviderRefuses_mapsTheStatusAndQuotesTheReasonButNeverTheKey(int status, String resource,
            Map<String, String> headers, Kind kind, String expected) throws IOException {
        try (RecordedServer server = RecordedServer.answering(status, resource, headers)) {
            ModelException failure = catchThrowableOfType(ModelException.class, () -> client(server.baseUrl(), KEY).complete(REQUEST));

            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure).hasMessageStartingWith("OpenAI-compatible API at " + server.baseUrl() + " (model gpt-4o-mini)")
                    .hasMessageContaining(expected)
                    .hasMessageNotContaining(KEY)
                    .hasMessageNotContaining("CDEF");
        }
    }

    @Test
    void complete_whenRateLimited_saysWhenToRetry() throws IOException {
        try (RecordedServer server = RecordedServer.answering(429, "error-429.json", Map.of("Retry-After", "20"))) {
            ModelException failure = catchThrowableOfType(ModelException.class, () -> client(server.baseUrl(), KEY).complete(REQUEST));

            assertThat(failure.retryable()).isTrue();
            assertThat(failure).hasMessageEndingWith("; retry after 20s");
            // The recorded reason is longer than a log line should be; it is quoted in part.
            assertThat(failure.getMessage()).contains("…").doesNotContain("payment method");
        }
    }

    @Test
    void complete_whenTheKeyIsMissingAndRefused_saysWhichVariableToSet() throws IOException {
        try (RecordedServer server = RecordedServer.answering(401, "error-401.json")) {
            assertThatThrownBy(() -> client(server.baseUrl(), null).complete(REQUEST))
                    .isInstanceOf(ModelException.class).hasMessageContaining("needs an API key, and OPENAI_API_KEY is not set");
        }
    }

    @Test
    void complete_whenAnErrorBodyEchoesTheWholeKey_redactsIt() throws IOException {
        try (RecordedServer server = RecordedServer.answering(400, "echoes-key.json")) {
            assertThatThrownBy(() -> client(server.baseUrl(), "plain-key-without-prefix").complete(REQUEST))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("refused the request (HTTP 400): bad header Bearer [redacted]")
                    .hasMessageNotContaining("plain-key-without-prefix");
        }
    }

    @Test
    void complete_whenA200IsNotACompletion_throwsBadReply() throws IOException {
        try (RecordedServer server = RecordedServer.answering(200, "error-500.json")) {
            ModelException failure = catchThrowableOfType(ModelException.class, () -> client(server.baseUrl(), KEY).complete(REQUEST));

            assertThat(failure.kind()).isEqualTo(Kind.BAD_REPLY);
            assertThat(failure).hasMessageContaining("not a chat completion: an error instead of a completion: The server had an error");
        }
    }

    @Test
    void complete_whenNoAnswerInTime_throwsUnavailableNamingTheTimeout() throws IOException {
        try (RecordedServer server = RecordedServer.answeringAfter(Duration.ofSeconds(3), "chat-completion.json")) {
            Map<String, String> env = env(server.baseUrl(), KEY);
            env.put("HEARTWOOD_MODEL_TIMEOUT", "300ms");
            OpenAiCompatibleModelClient client = OpenAiCompatibleModelClient.from(ModelSettings.fromEnvironment(env), env);

            ModelException failure = catchThrowableOfType(ModelException.class, () -> client.complete(REQUEST));

            assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(failure).hasMessageContaining("no answer from").hasMessageContaining("within PT0.3S (HEARTWOOD_MODEL_TIMEOUT)");
        }
    }

    @Test
    void complete_whenNothingListens_throwsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ModelException failure = catchThrowableOfType(ModelException.class,
                () -> client(URI.create("http://127.0.0.1:" + port + "/v1"), KEY).complete(REQUEST));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure).hasMessageStartingWith("cannot reach OpenAI-compatible API at http://127.0.0.1:" + port + "/v1")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void toString_namesTheKeyVariableNeverTheKey() {
        assertThat(client(URI.create("https://api.openai.com/v1"), KEY).toString())
                .contains("https://api.openai.com/v1/chat/completions", "model=gpt-4o-mini", "from OPENAI_API_KEY")
                .doesNotContain(KEY);
        assertThat(client(URI.create("http://localhost:11434/v1"), null).toString()).contains("apiKey=none");
    }

    @Test
    void from_whenSettingsAreForAnotherProvider_isRefused() {
        assertThatThrownBy(() -> OpenAiCompatibleModelClient.from(ModelSettings.none(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTWOOD_MODEL_PROVIDER=openai");
    }

    private static OpenAiCompatibleModelClient client(URI baseUrl, String key) {
        Map<String, String> env = env(baseUrl, key);
        return OpenAiCompatibleModelClient.from(ModelSettings.fromEnvironment(env), env);
    }

    private static Map<String, String> env(URI baseUrl, String key) {
        Map<String, String> env = new HashMap<>(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "gpt-4o-mini",
                "HEARTWOOD_MODEL_BASE_URL", baseUrl.toString()));
        if (key != null) {
            env.put("OPENAI_API_KEY", key);
        }
        return env;
    }
}
