package dev.heartwood.core.memory;

/**
 * Size rules for memory: a hard limit on any one file (a write over it is refused), and a soft
 * budget for MEMORY.md (over it, a {@code memory.compact} task is raised; nothing is cut on disk).
 *
 * @param maxFileBytes the largest memory file accepted, in UTF-8 bytes
 * @param memoryBudgetChars MEMORY.md's size budget, in characters
 */
public record MemoryLimits(int maxFileBytes, int memoryBudgetChars) {

    public static final MemoryLimits DEFAULT = new MemoryLimits(256 * 1024, 16_000);

    public MemoryLimits {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be at least 1024, got " + maxFileBytes);
        }
        if (memoryBudgetChars < 100) {
            throw new IllegalArgumentException("memoryBudgetChars must be at least 100, got " + memoryBudgetChars);
        }
    }
}
