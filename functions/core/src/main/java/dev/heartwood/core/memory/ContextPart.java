package dev.heartwood.core.memory;

import java.util.Objects;

/**
 * One piece of a rebuilt context and where it came from.
 *
 * @param source where it was read: a memory path such as {@code SOUL.md}, or {@code chat}
 * @param originalChars its size before any cut
 * @param text what goes to the model: the content, or its kept part followed by a truncation notice
 * @param truncated whether anything was left out
 */
public record ContextPart(String source, String text, int originalChars, boolean truncated) {

    public ContextPart {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    public int estimatedTokens() {
        return ContextBudget.tokensFor(text.length());
    }
}
