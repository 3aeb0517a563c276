package dev.heartwood.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.RowId;
import java.io.IOException;

/**
 * The lines of a chat file: {@code {"id":…,"role":…,"channel":…,"content":…,"delivery":…}} for a
 * row, {@code {"deleted":"<row id>"}} for a delete. JSON escapes newlines inside strings, so a row
 * is always exactly one line whatever its content.
 */
final class ChatLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatLines() {
    }

    /** What one line of the file says. */
    sealed interface Line permits Row, Tombstone, Torn {
    }

    record Row(ChatRow row) implements Line {
    }

    record Tombstone(RowId deleted) implements Line {
    }

    /** Not complete JSON: the remains of an append cut short by a crash, sealed off by the next append. */
    record Torn() implements Line {
    }

    static byte[] row(ChatRow row) {
        ObjectNode line = JSON.createObjectNode()
                .put("id", row.id().value())
                .put("role", row.role().name())
                .put("channel", row.channel())
                .put("content", row.content());
        row.delivery().ifPresent(delivery -> line.put("delivery", delivery));
        return bytes(line);
    }

    static byte[] tombstone(RowId row) {
        return bytes(JSON.createObjectNode().put("deleted", row.value()));
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException if the line is complete JSON but neither a row nor a
     *     tombstone: that is damage, not a crash, and should be seen rather than skipped
     */
    static Line parse(AgentId agent, byte[] line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return new Torn();
        }
        if (node == null || node.isMissingNode()) {
            return new Torn();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        if (node.has("deleted")) {
            return new Tombstone(RowId.parse(text(node, "deleted")));
        }
        JsonNode delivery = node.get("delivery");
        return new Row(new ChatRow(agent, RowId.parse(text(node, "id")), role(text(node, "role")), text(node, "channel"),
                text(node, "content"), delivery == null || delivery.isNull() ? null : delivery.asText()));
    }

    private static ChatRole role(String value) {
        try {
            return ChatRole.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role '" + value + "' is not one of USER, ASSISTANT, SYSTEM, TOOL");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static byte[] bytes(ObjectNode line) {
        try {
            return JSON.writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }
}
