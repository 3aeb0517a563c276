package dev.heartwood.core.heartbeat;

import dev.heartwood.core.heartbeat.task.TaskRun;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What HEARTBEAT.md says is due now for one task: the run to do (none when catch-up decided to
 * skip every missed slot), and every slot skipped, so each can be logged.
 *
 * @param recordAs the slot to record in HEARTBEAT.md when nothing runs (the newest skipped one)
 */
public record Due(TaskId task, TaskRun run, List<Instant> skipped, String policy, Instant recordAs) {

    public Due {
        Objects.requireNonNull(task, "task");
        skipped = List.copyOf(skipped);
        policy = policy == null ? "" : policy;
        if (run == null && recordAs == null) {
            throw new IllegalArgumentException("a due task with nothing to run needs the slot to record as skipped");
        }
    }

    public static Due run(TaskRun run, List<Instant> skipped, String policy) {
        return new Due(run.task(), run, skipped, policy, null);
    }

    public static Due skipOnly(TaskId task, List<Instant> skipped, String policy, Instant newest) {
        return new Due(task, null, skipped, policy, newest);
    }

    public Optional<TaskRun> runnable() {
        return Optional.ofNullable(run);
    }
}
