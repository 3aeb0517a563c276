package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.IOException;
import java.util.Optional;

/**
 * What the relay reads from a posted body: the {@code messageId} it deduplicates on and, when
 * present, the agent named in {@code "to"}; every other field is the sender's business.
 *
 * @param to the recipient, or null when the message is addressed to no one
 */
record PostedMessage(String messageId, AgentId to) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static PostedMessage parse(AgentId sender, byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new RelayRejectedException("agent " + sender + ": the message body is not JSON");
        }
        JsonNode id = node == null ? null : node.get("messageId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new RelayRejectedException("agent " + sender + ": the message body has no messageId");
        }
        JsonNode to = node.get("to");
        if (to == null || to.isNull()) {
            return new PostedMessage(id.asText(), null);
        }
        try {
            return new PostedMessage(id.asText(), AgentId.of(to.isTextual() ? to.asText() : ""));
        } catch (IllegalArgumentException e) {
            throw new RelayRejectedException("agent " + sender + ": field to " + to + " is not valid: expected the"
                    + " agentId of a registered agent as a string");
        }
    }

    Optional<AgentId> recipient() {
        return Optional.ofNullable(to);
    }
}
