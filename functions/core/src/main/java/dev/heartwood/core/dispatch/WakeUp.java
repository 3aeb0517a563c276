package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request for one agent's heartbeat, as the worker consumes it.
 *
 * @param scheduledTime the roster slot it serves; with the agent it is the message's identity
 * @param executionId which dispatch tick sent it, for tracing; not part of its identity
 */
public record WakeUp(AgentId agent, Instant scheduledTime, String executionId) {

    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public WakeUp {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        requireExecutionId(executionId);
    }

    /** @throws IllegalArgumentException naming the field unless it is 1-128 letters, digits or {@code . _ : -} */
    public static String requireExecutionId(String executionId) {
        if (executionId == null || !EXECUTION_ID.matcher(executionId).matches()) {
            throw new IllegalArgumentException("executionId: expected 1-128 letters, digits or . _ : -, got "
                    + (executionId == null ? "null" : executionId.length() + " other characters"));
        }
        return executionId;
    }

    /**
     * The same for every wake-up of one agent and slot, whichever tick sends it: a tick that is
     * retried, or that crashed before it advanced the roster, sends a duplicate the queue drops
     * (SQS FIFO deduplicates an id for five minutes). At most 85 characters, all allowed by SQS.
     */
    public String deduplicationId() {
        return agent.value() + "@" + scheduledTime;
    }
}
