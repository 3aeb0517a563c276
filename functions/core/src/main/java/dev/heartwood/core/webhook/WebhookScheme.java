package dev.heartwood.core.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How one channel proves its webhooks are genuine, with the channel's secret. Implementations
 * never print the secret.
 */
public sealed interface WebhookScheme permits WebhookScheme.HmacSha256, WebhookScheme.TelegramSecretToken {

    /** {@code x-heartwood-signature: sha256=<hex>} over {@code timestamp + "." + rawBody}. */
    static WebhookScheme hmacSha256(byte[] sharedSecret) {
        return new HmacSha256(sharedSecret);
    }

    /** Telegram's {@code x-telegram-bot-api-secret-token}, compared with the token set in setWebhook. */
    static WebhookScheme telegramSecretToken(String secretToken) {
        return new TelegramSecretToken(secretToken);
    }

    final class HmacSha256 implements WebhookScheme {
        private final byte[] secret;

        private HmacSha256(byte[] secret) {
            if (Objects.requireNonNull(secret, "shared secret").length < 16) {
                throw new IllegalArgumentException("shared secret must be at least 16 bytes");
            }
            this.secret = secret.clone();
        }

        byte[] secret() {
            return secret.clone();
        }

        @Override
        public String toString() {
            return "HmacSha256[secret=<redacted>]";
        }
    }

    final class TelegramSecretToken implements WebhookScheme {
        private final byte[] token;

        private TelegramSecretToken(String token) {
            // Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -.
            if (token == null || !token.matches("[A-Za-z0-9_-]{1,256}")) {
                throw new IllegalArgumentException("secret token must be 1-256 characters of A-Z, a-z, 0-9, _ or -");
            }
            this.token = token.getBytes(StandardCharsets.UTF_8);
        }

        byte[] token() {
            return token.clone();
        }

        @Override
        public String toString() {
            return "TelegramSecretToken[token=<redacted>]";
        }
    }
}
