package dev.heartwood.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A chat turn asked for over a webhook: which agent, from which channel, saying what. Built from
 * an already authenticated request; the agent always comes from the path, never from the body.
 */
public record TurnRequest(AgentId agentId, String channel, String text) {

    static final String TELEGRAM = "telegram";

    public TurnRequest {
        Objects.requireNonNull(agentId, "agentId");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }

    /**
     * Reads {@code {"channel","text"}} or Telegram's update shape {@code {"update_id", "message":
     * {"text"}}} from the body, and the agent from the {@code agentId} path parameter.
     *
     * @throws WebhookRejected 400 naming the missing or malformed part
     */
    public static TurnRequest from(WebhookRequest request) {
        AgentId agentId = agentId(request);
        JsonNode body = json(request.body());
        if (body.has("update_id")) {
            return telegramUpdate(agentId, body);
        }
        String channel = requiredText(body, "channel", "body field channel");
        String text = requiredText(body, "text", "body field text");
        return new TurnRequest(agentId, channel, text);
    }

    private static TurnRequest telegramUpdate(AgentId agentId, JsonNode body) {
        if (!body.get("update_id").isIntegralNumber()) {
            throw WebhookRejected.badRequest("body field update_id must be an integer, got "
                    + WebhookRequests.type(body.get("update_id")));
        }
        JsonNode message = body.get("message");
        if (message == null || !message.isObject()) {
            throw WebhookRejected.badRequest("telegram update has no message object (only messages start a turn)");
        }
        return new TurnRequest(agentId, TELEGRAM, requiredText(message, "text", "body field message.text"));
    }

    private static AgentId agentId(WebhookRequest request) {
        String value = request.pathParameter("agentId")
                .orElseThrow(() -> WebhookRejected.badRequest("path parameter agentId is missing"));
        try {
            return AgentId.of(value);
        } catch (IllegalArgumentException e) {
            throw WebhookRejected.badRequest("path parameter agentId is not valid: " + e.getMessage());
        }
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            throw WebhookRejected.badRequest("body is empty: expected a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejected.badRequest("body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = WebhookRequests.JSON.readTree(text);
        } catch (IOException e) {
            // The parser message may quote the body, which is user content, so it stays out of the reason.
            throw WebhookRejected.badRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw WebhookRejected.badRequest("body must be a JSON object");
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw WebhookRejected.badRequest(path + " is missing");
        }
        if (!node.isTextual()) {
            throw WebhookRejected.badRequest(path + " must be a string, got " + WebhookRequests.type(node));
        }
        if (node.textValue().isBlank()) {
            throw WebhookRejected.badRequest(path + " is blank");
        }
        return node.textValue();
    }

    @Override
    public String toString() {
        return "TurnRequest[agentId=" + agentId + ", channel=" + channel + ", text=" + text.length() + " chars]";
    }
}
