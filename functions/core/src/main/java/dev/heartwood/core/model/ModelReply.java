package dev.heartwood.core.model;

import java.util.Objects;

/**
 * The model's answer.
 *
 * @param model      the model that answered, as the provider names it (may be more specific than
 *                   the id asked for, e.g. a dated version)
 * @param stopReason why the model stopped, in the provider's words ({@code stop}, {@code end_turn},
 *                   {@code max_tokens}, {@code length} ...); {@code unknown} when it did not say
 */
public record ModelReply(String text, String model, int inputTokens, int outputTokens, String stopReason) {

    public static final String UNKNOWN_STOP_REASON = "unknown";

    public ModelReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts: expected zero or more, got input " + inputTokens
                    + ", output " + outputTokens);
        }
        stopReason = stopReason == null || stopReason.isBlank() ? UNKNOWN_STOP_REASON : stopReason;
    }
}
