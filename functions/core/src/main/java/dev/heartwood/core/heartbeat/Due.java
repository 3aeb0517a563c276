package dev.heartwood.core.heartbeat;

import dev.heartwood.core.heartbeat.task.TaskRun;
import java.time.Instant;
import java.util.List;

/** What HEARTBEAT.md says is due now: the one run, and every slot catch-up decided to skip (each gets logged). */
public record Due(TaskRun run, List<Instant> skipped, String policy) {

    public Due {
        skipped = List.copyOf(skipped);
        policy = policy == null ? "" : policy;
    }
}
