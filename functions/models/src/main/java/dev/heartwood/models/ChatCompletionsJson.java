package dev.heartwood.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON of OpenAI's {@code POST /chat/completions}, both directions, in one place. Only the
 * fields every compatible server (OpenAI, OpenRouter, Ollama, vLLM) shares are written or read.
 */
final class ChatCompletionsJson {

    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 2xx body that is not a chat completion; the message names the field and what was expected. */
    static final class MalformedReplyException extends RuntimeException {
        MalformedReplyException(String message) {
            super(message);
        }
    }

    private ChatCompletionsJson() {
    }

    static byte[] request(String model, ModelRequest request) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode messages = body.putArray("messages");
        // An empty system turn is noise to every provider, and some reject it: leave it out.
        if (!request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ModelMessage message : request.messages()) {
            messages.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT)).put("content", message.text());
        }
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat completions request", e);
        }
    }

    /** @param requestedModel the model id asked for, used when the server does not name the one that answered */
    static ModelReply reply(byte[] body, String requestedModel) {
        JsonNode root = parse(body).orElseThrow(() -> new MalformedReplyException("expected a JSON object, got "
                + quote(new String(body, StandardCharsets.UTF_8))));
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new MalformedReplyException(errorMessage(body).map(m -> "an error instead of a completion: " + m)
                    .orElse("field choices: expected a non-empty array"));
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new MalformedReplyException("field choices[0].message: expected an object");
        }
        JsonNode content = message.path("content");
        // null content is a legitimate answer (a refusal or a content filter stop); finish_reason says which.
        String text = content.isTextual() ? content.asText() : "";
        JsonNode usage = root.path("usage");
        return new ModelReply(text,
                root.path("model").isTextual() ? root.path("model").asText() : requestedModel,
                count(usage, "prompt_tokens"),
                count(usage, "completion_tokens"),
                choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null);
    }

    /**
     * The error message of an error body: OpenAI, OpenRouter and vLLM send
     * {@code {"error":{"message":…}}}, Ollama sends {@code {"error":"…"}}.
     */
    static Optional<String> errorMessage(byte[] body) {
        return parse(body).map(root -> root.path("error")).flatMap(error -> {
            if (error.isTextual()) {
                return Optional.of(error.asText());
            }
            JsonNode message = error.path("message");
            return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
        });
    }

    /** At most 200 characters of a provider's text, on one line: enough to say why, short enough for a log line. */
    static String quote(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static int count(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        return value.canConvertToInt() && value.asInt() >= 0 ? value.asInt() : 0;
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
