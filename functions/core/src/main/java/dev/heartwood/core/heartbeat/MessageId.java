package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The id of an effect, derived from who acts, which task and which slot — never random — so a
 * retry, a redelivered event or a resumed crash produces the same id and the relay delivers once.
 */
public record MessageId(String value) {

    public MessageId {
        if (value == null || !value.matches("hw-[0-9a-f]{32}")) {
            throw new IllegalArgumentException("message id '" + value + "' is not valid: expected hw- and 32 hex digits");
        }
    }

    public static MessageId of(AgentId agent, TaskId task, Instant slot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (agent.value() + "\n" + task.value() + "\n" + slot).getBytes(StandardCharsets.UTF_8));
            return new MessageId("hw-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
