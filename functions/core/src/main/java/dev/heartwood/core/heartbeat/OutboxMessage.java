package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.util.Objects;

/**
 * A message the agent has decided to send, recorded with the decision itself so that a crash
 * between deciding and sending ends with it sent exactly once (the relay deduplicates by id).
 *
 * @param body the JSON body posted to the relay; it carries {@code messageId}
 * @param receiptSequence the relay's receipt sequence once sent, 0 while pending
 */
public record OutboxMessage(AgentId agent, MessageId id, String body, boolean sent, long receiptSequence) {

    public OutboxMessage {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
    }

    public static OutboxMessage pending(AgentId agent, MessageId id, String body) {
        return new OutboxMessage(agent, id, body, false, 0);
    }
}
