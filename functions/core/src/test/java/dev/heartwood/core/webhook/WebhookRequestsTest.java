package dev.heartwood.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookRequestsTest {

    static final Path EVENTS = Path.of("../../events");

    static Stream<Path> validWebhookFixtures() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(p -> p.getFileName().toString().matches("webhook-.*\\.json")).sorted().toList().stream();
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        return read(EVENTS.resolve(name));
    }

    @Test
    void validWebhookFixtures_whenListed_areBothPlainAndBase64() throws IOException {
        assertThat(validWebhookFixtures().map(p -> p.getFileName().toString()))
                .containsExactly("webhook-turn-base64.json", "webhook-turn.json");
    }

    @ParameterizedTest
    @MethodSource("validWebhookFixtures")
    void parseApiGatewayV2_whenValidFixture_yieldsTurnForMainAgent(Path fixture) {
        WebhookRequest request = WebhookRequests.parseApiGatewayV2(read(fixture));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/agents/agent-7f3a/turns");
        assertThat(request.requestId()).startsWith("cW4");
        TurnRequest turn = TurnRequest.from(request);
        assertThat(turn.agentId()).isEqualTo(AgentId.of("agent-7f3a"));
        assertThat(turn.channel()).isEqualTo("telegram");
        assertThat(turn.text()).isNotBlank();
    }

    @Test
    void parseApiGatewayV2_whenBase64Fixture_decodesBodyAsUtf8() {
        WebhookRequest request = WebhookRequests.parseApiGatewayV2(fixture("webhook-turn-base64.json"));

        assertThat(request.isBase64Encoded()).isTrue();
        assertThat(request.header("content-type")).contains("application/octet-stream");
        assertThat(TurnRequest.from(request).text())
                .isEqualTo("Grüß dich! Kannst du die Bewässerung um 18 Uhr starten? \uD83C\uDF31");
    }

    static Stream<Arguments> invalidWebhookFixtures() {
        return Stream.of(
                Arguments.of("webhook-bad-base64.json", 400, "body is not valid base64"),
                Arguments.of("webhook-oversized.json", 413, "266032 bytes, over the cap of 65536 bytes (64 KiB)"),
                Arguments.of("webhook-missing-agent.json", 400, "path parameter agentId is missing"));
    }

    @ParameterizedTest
    @MethodSource("invalidWebhookFixtures")
    void parseAndTurn_whenInvalidFixture_rejectedWithStatusAndReason(String name, int status, String reason) {
        String json = fixture("invalid/" + name);

        WebhookRejected rejected = catchThrowableOfType(WebhookRejected.class,
                () -> TurnRequest.from(WebhookRequests.parseApiGatewayV2(json)));

        assertThat(rejected).isNotNull();
        assertThat(rejected.status()).isEqualTo(status);
        assertThat(rejected.reason()).contains(reason);
    }

    @Test
    void invalidWebhookFixtures_whenListed_areAllCoveredByTheTable() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS.resolve("invalid"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("webhook-")))
                    .containsExactlyInAnyOrderElementsOf(invalidWebhookFixtures().map(a -> (String) a.get()[0]).toList());
        }
    }

    @Test
    void parseApiGatewayV2_whenBadBase64_usesStrictDecoderNotMime() {
        // The MIME decoder would skip '!' and '*' and hand truncated JSON on.
        String json = fixture("invalid/webhook-bad-base64.json");

        assertThatThrownBy(() -> WebhookRequests.parseApiGatewayV2(json))
                .isInstanceOfSatisfying(WebhookRejected.class, r -> assertThat(r.reason()).isEqualTo("body is not valid base64"));
    }

    @Test
    void parseApiGatewayV2_whenOversizedBodyIsBase64_checksDecodedLength() {
        String body = java.util.Base64.getEncoder().encodeToString(new byte[WebhookRequests.MAX_BODY_BYTES + 1]);
        String json = event("\"headers\":{},\"body\":\"" + body + "\",\"isBase64Encoded\":true");

        assertThatThrownBy(() -> WebhookRequests.parseApiGatewayV2(json))
                .isInstanceOfSatisfying(WebhookRejected.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void parseApiGatewayV2_whenBodyExactlyAtCap_accepts() {
        String body = java.util.Base64.getEncoder().encodeToString(new byte[WebhookRequests.MAX_BODY_BYTES]);
        String json = event("\"headers\":{},\"body\":\"" + body + "\",\"isBase64Encoded\":true");

        assertThat(WebhookRequests.parseApiGatewayV2(json).body()).hasSize(WebhookRequests.MAX_BODY_BYTES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "headers":{},"body":"{}"                                   | isBase64Encoded is missing
            "headers":{},"body":"{}","isBase64Encoded":"false"         | isBase64Encoded must be a boolean, got string
            "headers":{},"body":42,"isBase64Encoded":false             | body must be a string, got number
            "body":"{}","isBase64Encoded":false                        | headers is missing
            "headers":[],"body":"{}","isBase64Encoded":false           | headers must be an object, got array
            "headers":{"x-a":1},"body":"{}","isBase64Encoded":false    | headers.x-a must be a string, got number
            "headers":{"X-A":"1","x-a":"2"},"isBase64Encoded":false    | headers.x-a appears more than once
            "headers":{},"pathParameters":"a","isBase64Encoded":false  | pathParameters must be an object, got string
            """)
    void parseApiGatewayV2_whenFieldMissingOrWrongType_rejects400NamingField(String fields, String reason) {
        assertRejected(event(fields), reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"rawPath":"/t","headers":{},"isBase64Encoded":false}                                                 | requestContext is missing
            {"rawPath":"/t","requestContext":{"requestId":"r"},"headers":{},"isBase64Encoded":false}              | requestContext.http is missing
            {"rawPath":"/t","requestContext":{"requestId":"r","http":{}},"headers":{},"isBase64Encoded":false}    | requestContext.http.method is missing
            {"rawPath":"/t","requestContext":{"http":{"method":"POST"}},"headers":{},"isBase64Encoded":false}     | requestContext.requestId is missing
            {"rawPath":7,"requestContext":{"requestId":"r","http":{"method":"POST"}},"isBase64Encoded":false}     | rawPath must be a string, got number
            {"rawPath":"/t",                                                                                      | API Gateway event is not valid JSON
            [1,2]                                                                                                 | API Gateway event must be a JSON object
            """)
    void parseApiGatewayV2_whenEnvelopeBroken_rejects400NamingField(String json, String reason) {
        assertRejected(json, reason);
    }

    @Test
    void parseApiGatewayV2_whenHeadersInMixedCase_lowerCasesAndLooksUpAnyCase() {
        WebhookRequest request = WebhookRequests.parseApiGatewayV2(
                event("\"headers\":{\"X-Heartwood-Delivery\":\"d-1\"},\"isBase64Encoded\":false"));

        assertThat(request.headers()).containsOnlyKeys("x-heartwood-delivery");
        assertThat(request.header("X-HEARTWOOD-DELIVERY")).contains("d-1");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void toString_whenBodyAndHeadersPresent_printsNeitherValues() {
        WebhookRequest request = new WebhookRequest("POST", "/t", Map.of(),
                Map.of("x-telegram-bot-api-secret-token", "sekrit-token"), "hello private".getBytes(StandardCharsets.UTF_8),
                false, "r-1");

        assertThat(request.toString()).doesNotContain("sekrit-token", "hello private").contains("13 bytes");
    }

    static String event(String fields) {
        return "{\"rawPath\":\"/agents/agent-7f3a/turns\",\"requestContext\":{\"requestId\":\"req-1\",\"http\":{\"method\":\"POST\"}},"
                + fields + "}";
    }

    private static void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> WebhookRequests.parseApiGatewayV2(json))
                .isInstanceOfSatisfying(WebhookRejected.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.reason()).startsWith(reason);
                });
    }
}
