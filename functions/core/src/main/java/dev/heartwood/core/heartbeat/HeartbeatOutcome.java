package dev.heartwood.core.heartbeat;

import java.time.Instant;

/** What one heartbeat did. Handle it with an exhaustive {@code switch}. */
public sealed interface HeartbeatOutcome permits HeartbeatOutcome.Done, HeartbeatOutcome.Resumed,
        HeartbeatOutcome.Skipped, HeartbeatOutcome.Busy, HeartbeatOutcome.NothingDue, HeartbeatOutcome.Failed {

    /** The due task ran. */
    record Done(TaskId task, Instant slot, String note) implements HeartbeatOutcome {
    }

    /** A task a crashed invocation had started was finished, with the same message id. */
    record Resumed(TaskId task, Instant slot, String note) implements HeartbeatOutcome {
    }

    /** The chosen slot turned out to be taken (another invocation decided it first). */
    record Skipped(TaskId task, Instant slot, String reason) implements HeartbeatOutcome {
    }

    /** Another invocation holds the agent's lease: nothing was done. */
    record Busy() implements HeartbeatOutcome {
    }

    /** Nothing is due now. */
    record NothingDue() implements HeartbeatOutcome {
    }

    /** The heartbeat could not run a task; {@code reason} says why (also written to the daily log). */
    record Failed(String reason) implements HeartbeatOutcome {
    }
}
