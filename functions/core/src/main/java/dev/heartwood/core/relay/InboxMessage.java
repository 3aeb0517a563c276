package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message in an agent's inbox: one another agent posted with {@code "to"} naming it.
 *
 * @param sequence the inbox's running count, from 1: the next read asks for what comes after it
 * @param from the sender, whose signature the relay verified
 * @param messageId the sender's id for the message
 * @param body the message body exactly as the sender signed it (a JSON object)
 * @param receivedAt when the relay accepted the post
 */
public record InboxMessage(long sequence, AgentId from, String messageId, String body, Instant receivedAt) {

    public InboxMessage {
        if (sequence < 1) {
            throw new IllegalArgumentException("inbox sequence must be 1 or more, got " + sequence);
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("inbox message " + sequence + " has no messageId");
        }
    }
}
