package dev.heartwood.core.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) events as the webhook function receives them, signed or not. */
final class Webhooks {

    static final String CHANNEL = "bridge";
    static final byte[] SECRET = "proof-webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String TELEGRAM_TOKEN = "proof_telegram_token_42";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Webhooks() {
    }

    /** The event API Gateway builds for one delivery; every delivery gets a request id of its own. */
    static String event(AgentId agent, Map<String, String> headers, String body, String requestId) {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "POST /agents/{agentId}/turns")
                .put("rawPath", "/agents/" + agent.value() + "/turns");
        ObjectNode headerNode = event.putObject("headers");
        headerNode.put("content-type", "application/json");
        headers.forEach(headerNode::put);
        event.putObject("requestContext").put("requestId", requestId).putObject("http").put("method", "POST");
        event.putObject("pathParameters").put("agentId", agent.value());
        event.put("body", body).put("isBase64Encoded", false);
        return event.toString();
    }

    static String turn(String text) {
        return JSON.createObjectNode().put("channel", CHANNEL).put("text", text).toString();
    }

    static String telegramUpdate(long updateId, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.putObject("message").put("text", text);
        return update.toString();
    }

    /** Timestamp and signature headers as a sender makes them with {@code secret}. */
    static Map<String, String> signed(byte[] secret, long timestamp, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-heartwood-timestamp", Long.toString(timestamp));
        headers.put("x-heartwood-signature", "sha256=" + HexFormat.of().formatHex(WebhookAuthenticator.sign(secret,
                Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }
}
