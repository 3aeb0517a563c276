package dev.heartwood.core.heartbeat.plan;

import java.time.Instant;
import java.util.Objects;

/** One slot of a task between its last run and now, and what catch-up decided for it. */
public record DueSlot(Instant slot, Action action, String reason) {

    public enum Action {
        RUN,
        /** Never run: logged by the caller with {@link #reason}. */
        SKIP,
        /** Runs on a following heartbeat (catch-up {@code all}). */
        LATER
    }

    public DueSlot {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(action, "action");
        reason = reason == null ? "" : reason;
    }
}
