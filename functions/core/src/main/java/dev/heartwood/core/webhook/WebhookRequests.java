package dev.heartwood.core.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads transport events into {@link WebhookRequest}s, rejecting anything malformed or too large. */
public final class WebhookRequests {

    /** Heartwood's own cap on a decoded webhook body: a chat turn never needs more. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookRequests() {
    }

    /** Parses an API Gateway HTTP API (payload format 2.0) event with the default body cap. */
    public static WebhookRequest parseApiGatewayV2(String json) {
        return parseApiGatewayV2(json, MAX_BODY_BYTES);
    }

    /**
     * Parses an API Gateway HTTP API (payload format 2.0) event.
     *
     * @throws WebhookRejected 400 when a field is missing or has the wrong type, or the body is not
     *     valid base64; 413 when the decoded body is longer than {@code maxBodyBytes}
     */
    public static WebhookRequest parseApiGatewayV2(String json, int maxBodyBytes) {
        if (json == null) {
            throw WebhookRejected.badRequest("API Gateway event is missing");
        }
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JacksonException e) {
            // The parser message can quote the body, so only the position goes into the reason.
            var at = e.getLocation();
            throw WebhookRejected.badRequest("API Gateway event is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (event == null || !event.isObject()) {
            throw WebhookRejected.badRequest("API Gateway event must be a JSON object");
        }
        JsonNode context = requiredObject(event, "requestContext", "requestContext");
        JsonNode http = requiredObject(context, "http", "requestContext.http");
        String method = requiredText(http, "method", "requestContext.http.method");
        String requestId = requiredText(context, "requestId", "requestContext.requestId");
        String rawPath = requiredText(event, "rawPath", "rawPath");
        Map<String, String> headers = stringMap(event, "headers", true);
        Map<String, String> pathParameters = stringMap(event, "pathParameters", false);
        boolean base64 = requiredBoolean(event, "isBase64Encoded");
        byte[] body = body(event, base64, maxBodyBytes);
        return new WebhookRequest(method, rawPath, pathParameters, headers, body, base64, requestId);
    }

    private static byte[] body(JsonNode event, boolean base64, int maxBodyBytes) {
        JsonNode node = event.get("body");
        // HTTP APIs omit "body" entirely when the request had none.
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (!node.isTextual()) {
            throw WebhookRejected.badRequest("body must be a string, got " + type(node));
        }
        String text = node.textValue();
        // Refuse before allocating when even the smallest possible decoding is over the cap.
        long lowerBound = base64 ? (text.length() / 4L) * 3 - 2 : text.length();
        if (lowerBound > maxBodyBytes) {
            throw tooLarge(lowerBound, maxBodyBytes, true);
        }
        byte[] bytes;
        if (base64) {
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw WebhookRejected.badRequest("body is not valid base64");
            }
        } else {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge(bytes.length, maxBodyBytes, false);
        }
        return bytes;
    }

    private static WebhookRejected tooLarge(long size, int cap, boolean atLeast) {
        return new WebhookRejected(413, "body is " + (atLeast ? "at least " : "") + size
                + " bytes, over the cap of " + cap + " bytes (" + cap / 1024 + " KiB)");
    }

    private static Map<String, String> stringMap(JsonNode event, String field, boolean required) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw WebhookRejected.badRequest(field + " is missing");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw WebhookRejected.badRequest(field + " must be an object, got " + type(node));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw WebhookRejected.badRequest(field + "." + entry.getKey() + " must be a string, got " + type(value));
            }
            String key = "headers".equals(field) ? entry.getKey().toLowerCase(Locale.ROOT) : entry.getKey();
            if (values.putIfAbsent(key, value.textValue()) != null) {
                throw WebhookRejected.badRequest(field + "." + key + " appears more than once");
            }
        }
        return values;
    }

    private static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw WebhookRejected.badRequest(path + " is missing");
        }
        if (!node.isObject()) {
            throw WebhookRejected.badRequest(path + " must be an object, got " + type(node));
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw WebhookRejected.badRequest(path + " is missing");
        }
        if (!node.isTextual()) {
            throw WebhookRejected.badRequest(path + " must be a string, got " + type(node));
        }
        if (node.textValue().isBlank()) {
            throw WebhookRejected.badRequest(path + " must not be blank");
        }
        return node.textValue();
    }

    private static boolean requiredBoolean(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw WebhookRejected.badRequest(name + " is missing");
        }
        if (!node.isBoolean()) {
            throw WebhookRejected.badRequest(name + " must be a boolean, got " + type(node));
        }
        return node.booleanValue();
    }

    static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
