package dev.heartwood.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartwood.core.webhook.Authentication.Accepted;
import dev.heartwood.core.webhook.Authentication.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request was sent by one channel, before anything is parsed further or
 * written. One instance per channel; reasons never contain the secret or the body.
 */
public final class WebhookAuthenticator {

    static final String TIMESTAMP = "x-heartwood-timestamp";
    static final String SIGNATURE = "x-heartwood-signature";
    static final String DELIVERY = "x-heartwood-delivery";
    static final String TELEGRAM_TOKEN = "x-telegram-bot-api-secret-token";

    /** Replays older than this, or clocks this far ahead, are refused. */
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE_VALUE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private final String channel;
    private final WebhookScheme scheme;
    private final Clock clock;

    private WebhookAuthenticator(String channel, WebhookScheme scheme, Clock clock) {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        this.channel = channel;
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static WebhookAuthenticator of(String channel, WebhookScheme scheme, Clock clock) {
        return new WebhookAuthenticator(channel, scheme, clock);
    }

    public String channel() {
        return channel;
    }

    public Authentication authenticate(WebhookRequest request) {
        Optional<Rejected> rejected = switch (scheme) {
            case WebhookScheme.HmacSha256 hmac -> checkHmac(request, hmac);
            case WebhookScheme.TelegramSecretToken telegram -> checkTelegram(request, telegram);
        };
        if (rejected.isPresent()) {
            return rejected.get();
        }
        return new Accepted(channel, deliveryId(request, scheme));
    }

    private Optional<Rejected> checkHmac(WebhookRequest request, WebhookScheme.HmacSha256 hmac) {
        Optional<String> timestamp = request.header(TIMESTAMP);
        Optional<String> signature = request.header(SIGNATURE);
        if (signature.isEmpty()) {
            return reject(401, SIGNATURE + " header is missing");
        }
        if (timestamp.isEmpty()) {
            return reject(401, TIMESTAMP + " header is missing");
        }
        if (!UNIX_SECONDS.matcher(timestamp.get()).matches()) {
            return reject(400, TIMESTAMP + " header must be unix seconds (digits only)");
        }
        if (!SIGNATURE_VALUE.matcher(signature.get()).matches()) {
            return reject(400, SIGNATURE + " header must be 'sha256=' followed by 64 hex digits");
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp.get());
        long window = REPLAY_WINDOW.toSeconds();
        if (age > window) {
            return reject(401, "timestamp outside the 5-minute window: " + age + " s old");
        }
        if (age < -window) {
            return reject(401, "timestamp outside the 5-minute window: " + -age + " s in the future");
        }
        byte[] expected = sign(hmac.secret(), timestamp.get(), request.body());
        byte[] presented = HexFormat.of().parseHex(signature.get().substring("sha256=".length()));
        if (!MessageDigest.isEqual(expected, presented)) {
            return reject(401, "signature does not match");
        }
        return Optional.empty();
    }

    private static Optional<Rejected> checkTelegram(WebhookRequest request, WebhookScheme.TelegramSecretToken telegram) {
        Optional<String> token = request.header(TELEGRAM_TOKEN);
        if (token.isEmpty()) {
            return reject(401, TELEGRAM_TOKEN + " header is missing");
        }
        if (!MessageDigest.isEqual(telegram.token(), token.get().getBytes(StandardCharsets.UTF_8))) {
            return reject(401, "secret token does not match");
        }
        return Optional.empty();
    }

    /** The HMAC-SHA256 of {@code timestamp + "." + body}; public so senders and tests sign the same way. */
    public static byte[] sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * The key a redelivery is recognised by. For HMAC it is derived from the signature, the one part
     * of the request the sender vouched for: API Gateway gives every delivery a fresh request id and
     * the delivery header is not signed, so keying on either let a replay inside the window, or a
     * sender's retry of the same signed request, become a new turn. Telegram's update id is the key
     * Telegram itself redelivers with.
     */
    private static String deliveryId(WebhookRequest request, WebhookScheme scheme) {
        return switch (scheme) {
            case WebhookScheme.HmacSha256 hmac -> signatureDelivery(request.header(SIGNATURE).orElseThrow());
            case WebhookScheme.TelegramSecretToken telegram -> request.header(DELIVERY).filter(id -> !id.isBlank())
                    .or(() -> telegramUpdateId(request.body()))
                    .orElse(request.requestId());
        };
    }

    private static String signatureDelivery(String signature) {
        byte[] mac = HexFormat.of().parseHex(signature.substring("sha256=".length()));
        try {
            return "hmac-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(mac), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<String> telegramUpdateId(byte[] body) {
        try {
            JsonNode json = WebhookRequests.JSON.readTree(body);
            JsonNode updateId = json == null ? null : json.get("update_id");
            return updateId != null && updateId.isIntegralNumber()
                    ? Optional.of(updateId.asText())
                    : Optional.empty();
        } catch (IOException e) {
            // Not JSON: TurnRequest judges the body later; here it just carries no update_id.
            return Optional.empty();
        }
    }

    private static Optional<Rejected> reject(int status, String reason) {
        return Optional.of(new Rejected(status, reason));
    }

    @Override
    public String toString() {
        return "WebhookAuthenticator[channel=" + channel + ", scheme=" + scheme + "]";
    }
}
