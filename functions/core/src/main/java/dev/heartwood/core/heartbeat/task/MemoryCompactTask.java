package dev.heartwood.core.heartbeat.task;

import dev.heartwood.core.memory.CompactChat;
import java.util.Optional;

/** {@code memory.compact}: folds chat that left the context window into the rolling summary and the daily log. */
public final class MemoryCompactTask implements TaskExecutor {

    private final CompactChat compactChat;

    public MemoryCompactTask(CompactChat compactChat) {
        this.compactChat = compactChat;
    }

    @Override
    public String kind() {
        return "memory.compact";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        return Optional.empty();
    }

    @Override
    public String perform(TaskRun run) {
        return compactChat.run(run.agent())
                .map(c -> "summarized " + c.rows() + " chat rows through " + c.through())
                .orElse("nothing to compact: the chat window holds the whole unsummarized history");
    }
}
