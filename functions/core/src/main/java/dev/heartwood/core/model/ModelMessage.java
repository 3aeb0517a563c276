package dev.heartwood.core.model;

import java.util.Objects;

/** One turn of a conversation with a model. The system prompt is not a turn: it is {@link ModelRequest#system()}. */
public record ModelMessage(Role role, String text) {

    public enum Role { USER, ASSISTANT }

    public ModelMessage {
        Objects.requireNonNull(role, "role");
        // Providers reject empty turns (Bedrock with a ValidationException), so refuse them here,
        // before a call is paid for.
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("message text: expected non-blank text for the " + role + " turn");
        }
    }

    public static ModelMessage user(String text) {
        return new ModelMessage(Role.USER, text);
    }

    public static ModelMessage assistant(String text) {
        return new ModelMessage(Role.ASSISTANT, text);
    }
}
