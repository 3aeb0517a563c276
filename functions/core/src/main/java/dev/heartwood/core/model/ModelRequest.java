package dev.heartwood.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What a model is asked: a system prompt (may be empty), the conversation so far, and limits.
 *
 * @param maxTokens   the most tokens the reply may use; the reply stops there with stop reason
 *                    {@code max_tokens} / {@code length}
 * @param temperature sampling temperature, 0 (most deterministic) to 2; some models accept only 0 to 1
 */
public record ModelRequest(String system, List<ModelMessage> messages, int maxTokens, double temperature) {

    public static final double MAX_TEMPERATURE = 2.0;

    public ModelRequest {
        system = system == null ? "" : system;
        Objects.requireNonNull(messages, "messages");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages: expected at least one user message");
        }
        // Bedrock's Converse API requires the conversation to open with the user; OpenAI does not
        // care, so the stricter rule keeps every request valid for every provider.
        if (messages.getFirst().role() != ModelMessage.Role.USER) {
            throw new IllegalArgumentException("messages: expected the first message to be the user's, got "
                    + messages.getFirst().role());
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens: expected a positive number, got " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature: expected 0 to " + MAX_TEMPERATURE + ", got " + temperature);
        }
    }

    /** A one-question request: the system prompt and a single user message. */
    public static ModelRequest of(String system, String prompt, int maxTokens, double temperature) {
        return new ModelRequest(system, List.of(ModelMessage.user(prompt)), maxTokens, temperature);
    }
}
