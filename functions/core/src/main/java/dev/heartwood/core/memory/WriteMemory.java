package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.redaction.Redaction;
import dev.heartwood.core.memory.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one door for writing a memory file: refuses files over the size limit, passes the content
 * through the {@link Redactor} so no secret reaches storage, writes under the caller's condition,
 * and raises a {@code memory.compact} task in HEARTBEAT.md when MEMORY.md outgrows its budget.
 */
public final class WriteMemory {

    /** What was written; {@code redactions} is empty when nothing had to be removed. */
    public record Written(MemoryPath path, Version version, String redactions, boolean compactionRaised) {
    }

    static final String COMPACT_TASK = "memory.compact";
    private static final System.Logger LOG = System.getLogger("heartwood.memory");

    private final MemoryStore store;
    private final Redactor redactor;
    private final MemoryLimits limits;
    private final Clock clock;

    public WriteMemory(MemoryStore store, Redactor redactor, MemoryLimits limits, Clock clock) {
        this.store = store;
        this.redactor = redactor;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException if the content is over the size limit (nothing is written)
     * @throws MemoryConflictException if the condition does not hold
     */
    public Written run(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
        requireWithinLimit(path, content, limits);
        Redaction redaction = redactor.redact(content);
        if (!redaction.findings().isEmpty()) {
            // Counted and logged by type only: the secret itself never reaches a log line.
            LOG.log(System.Logger.Level.WARNING, "memory {0}/{1}: {2}", agent, path, redaction.summary());
        }
        Version version = store.write(agent, path, redaction.text(), condition);
        boolean raised = path.equals(MemoryPath.MEMORY) && redaction.text().length() > limits.memoryBudgetChars()
                && raiseCompaction(agent, redaction.text().length());
        return new Written(path, version, redaction.findings().isEmpty() ? "" : redaction.summary(), raised);
    }

    static void requireWithinLimit(MemoryPath path, String content, MemoryLimits limits) {
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxFileBytes()) {
            throw new IllegalArgumentException("memory file " + path + " would be " + bytes + " bytes; the limit is "
                    + limits.maxFileBytes() + " (HEARTWOOD_MEMORY_MAX_FILE_BYTES): split it, or move detail to a daily log");
        }
    }

    /** Adds the compaction task to HEARTBEAT.md's next actions once; returns whether it added it now. */
    private boolean raiseCompaction(AgentId agent, int size) {
        String task = "- [ ] " + COMPACT_TASK + ": MEMORY.md is " + size + " characters, over its budget of "
                + limits.memoryBudgetChars() + " (raised " + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ")";
        return new NextActions(store).add(agent, "- [ ] " + COMPACT_TASK, task);
    }

    /** Inserts the task at the end of the "## Next actions" section, creating the section if needed. */
    static String withNextAction(String heartbeat, String task) {
        String[] lines = heartbeat.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inSection = false;
        boolean inserted = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (inSection && line.startsWith("#") && !inserted) {
                trimTrailingBlank(out);
                out.append(task).append("\n\n");
                inserted = true;
                inSection = false;
            }
            if (line.strip().equalsIgnoreCase("## Next actions")) {
                inSection = true;
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append("\n");
            }
        }
        if (!inserted) {
            trimTrailingBlank(out);
            out.append(inSection ? "\n" : "\n\n## Next actions\n\n").append(task).append("\n");
        }
        return out.toString();
    }

    private static void trimTrailingBlank(StringBuilder out) {
        while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        out.append("\n");
    }
}
