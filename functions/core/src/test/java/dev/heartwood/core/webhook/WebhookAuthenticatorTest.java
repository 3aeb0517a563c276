package dev.heartwood.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.webhook.Authentication.Accepted;
import dev.heartwood.core.webhook.Authentication.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookAuthenticatorTest {

    static final String SECRET = "whsec-greenhouse-0123456789abcdef";
    static final String TOKEN = "tg-Secret_Token-42";
    static final Instant NOW = Instant.parse("2026-11-22T09:17:42Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String BODY = "{\"channel\":\"bridge\",\"text\":\"Morning!\"}";

    final WebhookAuthenticator hmac = WebhookAuthenticator.of("bridge",
            WebhookScheme.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8)), CLOCK);
    final WebhookAuthenticator telegram = WebhookAuthenticator.of("telegram", WebhookScheme.telegramSecretToken(TOKEN), CLOCK);

    static String signature(String secret, long timestamp, String body) {
        return "sha256=" + HexFormat.of().formatHex(WebhookAuthenticator.sign(
                secret.getBytes(StandardCharsets.UTF_8), Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8)));
    }

    static WebhookRequest request(Map<String, String> headers, String body) {
        return new WebhookRequest("POST", "/agents/agent-7f3a/turns", Map.of("agentId", "agent-7f3a"), headers,
                body.getBytes(StandardCharsets.UTF_8), false, "req-1");
    }

    static WebhookRequest signed(String secret, long timestamp, String signedBody, String sentBody) {
        return request(Map.of("x-heartwood-timestamp", Long.toString(timestamp),
                "x-heartwood-signature", signature(secret, timestamp, signedBody)), sentBody);
    }

    @Test
    void authenticate_whenSignatureCorrect_acceptsWithADeliveryIdFromTheSignature() {
        Authentication outcome = hmac.authenticate(signed(SECRET, NOW.getEpochSecond(), BODY, BODY));

        assertThat(outcome).isInstanceOfSatisfying(Accepted.class, a -> {
            assertThat(a.channel()).isEqualTo("bridge");
            assertThat(a.deliveryId()).matches("hmac-[0-9a-f]{32}");
        });
    }

    @Test
    void authenticate_whenTheSameSignedRequestComesAgain_givesItTheSameDeliveryId() {
        // Found by the proof (duplicate storm, hostile input): API Gateway's request id and the unsigned
        // delivery header differ at every delivery, so a replay or a retry became a new turn.
        long ts = NOW.getEpochSecond();
        WebhookRequest first = signed(SECRET, ts, BODY, BODY);
        Map<String, String> replayHeaders = new HashMap<>(first.headers());
        replayHeaders.put("x-heartwood-delivery", "chosen-by-whoever-replays");
        WebhookRequest replay = new WebhookRequest("POST", first.rawPath(), first.pathParameters(), replayHeaders,
                first.body(), false, "req-2");

        Accepted one = (Accepted) hmac.authenticate(first);
        Accepted again = (Accepted) hmac.authenticate(replay);
        Accepted later = (Accepted) hmac.authenticate(signed(SECRET, ts + 1, BODY, BODY));

        assertThat(again.deliveryId()).isEqualTo(one.deliveryId());
        assertThat(later.deliveryId()).isNotEqualTo(one.deliveryId());
    }

    @Test
    void authenticate_whenSignatureComputedIndependently_accepts() throws Exception {
        // Not via WebhookAuthenticator.sign, so a bug there cannot hide itself.
        long ts = NOW.getEpochSecond() - 30;
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hex = HexFormat.of().formatHex(mac.doFinal((ts + "." + BODY).getBytes(StandardCharsets.UTF_8)));

        Authentication outcome = hmac.authenticate(request(Map.of("x-heartwood-timestamp", Long.toString(ts),
                "x-heartwood-signature", "sha256=" + hex.toUpperCase(Locale.ROOT), "x-heartwood-delivery", "dlv-9"), BODY));

        assertThat(outcome).isEqualTo(hmac.authenticate(signed(SECRET, ts, BODY, BODY)));
    }

    static Stream<Arguments> badHmacRequests() {
        long now = NOW.getEpochSecond();
        return Stream.of(
                Arguments.of("forged with wrong secret", signed("whsec-attacker-guess-000000000", now, BODY, BODY),
                        401, "signature does not match"),
                Arguments.of("tampered body", signed(SECRET, now, BODY, BODY.replace("Morning", "Delete all")),
                        401, "signature does not match"),
                Arguments.of("stale by 6 minutes", signed(SECRET, now - 360, BODY, BODY),
                        401, "timestamp outside the 5-minute window: 360 s old"),
                Arguments.of("6 minutes in the future", signed(SECRET, now + 360, BODY, BODY),
                        401, "timestamp outside the 5-minute window: 360 s in the future"),
                Arguments.of("timestamp swapped after signing", request(Map.of("x-heartwood-timestamp", Long.toString(now - 1),
                        "x-heartwood-signature", signature(SECRET, now, BODY)), BODY), 401, "signature does not match"),
                Arguments.of("no signature", request(Map.of("x-heartwood-timestamp", Long.toString(now)), BODY),
                        401, "x-heartwood-signature header is missing"),
                Arguments.of("no timestamp", request(Map.of("x-heartwood-signature", signature(SECRET, now, BODY)), BODY),
                        401, "x-heartwood-timestamp header is missing"),
                Arguments.of("timestamp in ISO form", request(Map.of("x-heartwood-timestamp", NOW.toString(),
                        "x-heartwood-signature", signature(SECRET, now, BODY)), BODY),
                        400, "x-heartwood-timestamp header must be unix seconds"),
                Arguments.of("signature without prefix", request(Map.of("x-heartwood-timestamp", Long.toString(now),
                        "x-heartwood-signature", signature(SECRET, now, BODY).substring(7)), BODY),
                        400, "x-heartwood-signature header must be 'sha256=' followed by 64 hex digits"),
                Arguments.of("signature truncated", request(Map.of("x-heartwood-timestamp", Long.toString(now),
                        "x-heartwood-signature", signature(SECRET, now, BODY).substring(0, 40)), BODY),
                        400, "x-heartwood-signature header must be"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHmacRequests")
    void authenticate_whenHmacRequestBad_rejectsWithReason(String label, WebhookRequest request, int status, String reason) {
        Authentication outcome = hmac.authenticate(request);

        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.reason()).startsWith(reason);
            assertThat(r.reason()).doesNotContain(SECRET);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, 0, 299, 300})
    void authenticate_whenTimestampInsideWindow_accepts(long offsetSeconds) {
        long ts = NOW.getEpochSecond() + offsetSeconds;

        assertThat(hmac.authenticate(signed(SECRET, ts, BODY, BODY))).isInstanceOf(Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Heartwood-Timestamp", "X-HEARTWOOD-TIMESTAMP", "x-heartwood-timestamp"})
    void authenticate_whenHeaderNamesInAnyCase_accepts(String timestampHeader) {
        long ts = NOW.getEpochSecond();
        Map<String, String> headers = new HashMap<>();
        headers.put(timestampHeader, Long.toString(ts));
        headers.put(timestampHeader.replace("Timestamp", "Signature").replace("TIMESTAMP", "SIGNATURE")
                .replace("timestamp", "signature"), signature(SECRET, ts, BODY));

        assertThat(hmac.authenticate(request(headers, BODY))).isInstanceOf(Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-telegram-bot-api-secret-token", "X-Telegram-Bot-Api-Secret-Token"})
    void authenticate_whenTelegramTokenMatches_acceptsWithUpdateIdAsDelivery(String header) {
        String update = "{\"update_id\":815203947,\"message\":{\"text\":\"hi\"}}";

        assertThat(telegram.authenticate(request(Map.of(header, TOKEN), update)))
                .isEqualTo(new Accepted("telegram", "815203947"));
    }

    static Stream<Arguments> badTelegramRequests() {
        return Stream.of(
                Arguments.of("wrong token", Map.of("x-telegram-bot-api-secret-token", "tg-Secret_Token-43"),
                        "secret token does not match"),
                Arguments.of("token prefix only", Map.of("x-telegram-bot-api-secret-token", "tg-Secret"),
                        "secret token does not match"),
                Arguments.of("token with trailing space", Map.of("x-telegram-bot-api-secret-token", TOKEN + " "),
                        "secret token does not match"),
                Arguments.of("no token", Map.of(), "x-telegram-bot-api-secret-token header is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTelegramRequests")
    void authenticate_whenTelegramTokenBad_rejects401(String label, Map<String, String> headers, String reason) {
        Authentication outcome = telegram.authenticate(request(headers, "{\"update_id\":1}"));

        assertThat(outcome).isEqualTo(new Rejected(401, reason));
        assertThat(((Rejected) outcome).reason()).doesNotContain(TOKEN);
    }

    @Test
    void authenticate_whenHmacChannelSentTelegramToken_rejects() {
        // A channel accepts only its own scheme: a Telegram token does not open an HMAC channel.
        Authentication outcome = hmac.authenticate(request(Map.of("x-telegram-bot-api-secret-token", TOKEN), BODY));

        assertThat(outcome).isEqualTo(new Rejected(401, "x-heartwood-signature header is missing"));
    }

    @Test
    void toString_whenConfigured_redactsSecrets() {
        assertThat(hmac.toString()).contains("bridge", "redacted").doesNotContain(SECRET);
        assertThat(telegram.toString()).contains("telegram", "redacted").doesNotContain(TOKEN);
        assertThat(WebhookScheme.hmacSha256(SECRET.getBytes(StandardCharsets.UTF_8)).toString()).doesNotContain(SECRET);
    }
}
