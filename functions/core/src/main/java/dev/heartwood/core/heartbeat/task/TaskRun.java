package dev.heartwood.core.heartbeat.task;

import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Objects;

/** One task about to run for one slot: everything an executor may look at. */
public record TaskRun(AgentId agent, TaskId task, String kind, String argument, Instant slot, MessageId messageId) {

    public TaskRun {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(messageId, "messageId");
        argument = argument == null ? "" : argument;
    }
}
