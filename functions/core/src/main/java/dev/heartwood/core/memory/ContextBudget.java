package dev.heartwood.core.memory;

/**
 * How much a rebuilt context may hold, in tokens. Tokens are estimated as one per four characters
 * of text (a common rule of thumb for English with today's tokenizers): cheap, deterministic, and
 * close enough to keep a model call inside its window.
 *
 * @param maxTokens the budget for the whole context
 * @param chatRows how many of the newest chat rows to read (50 in the design)
 */
public record ContextBudget(int maxTokens, int chatRows) {

    public static final int CHARS_PER_TOKEN = 4;
    public static final ContextBudget DEFAULT = new ContextBudget(16_000, 50);

    public ContextBudget {
        if (maxTokens < 256) {
            throw new IllegalArgumentException("context budget must be at least 256 tokens, got " + maxTokens);
        }
        if (chatRows < 1 || chatRows > 1000) {
            throw new IllegalArgumentException("chat rows must be 1-1000, got " + chatRows);
        }
    }

    public int maxChars() {
        return maxTokens * CHARS_PER_TOKEN;
    }

    static int tokensFor(int chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
