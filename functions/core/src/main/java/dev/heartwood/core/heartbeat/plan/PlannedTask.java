package dev.heartwood.core.heartbeat.plan;

import dev.heartwood.core.heartbeat.TaskId;
import java.time.Instant;
import java.util.Objects;

/**
 * One task of HEARTBEAT.md.
 *
 * @param argument what the kind acts on (URL, message text, prompt); empty if none
 * @param activeHours null when the task may run at any hour
 * @param lastRun the slot recorded by the {@code last:} sub-item, null if never run
 * @param lastOutcome the outcome word of the {@code last:} sub-item ({@code done}, {@code failed}…), empty if none
 * @param ticked a next action's checkbox is ticked (always false for periodic tasks)
 * @param line the 1-based line of the task in the file
 */
public record PlannedTask(TaskId id, String kind, String argument, Cadence cadence, CatchUp catchUp,
        ActiveHours activeHours, Instant lastRun, String lastOutcome, boolean ticked, int line) {

    public PlannedTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(catchUp, "catchUp");
        argument = argument == null ? "" : argument;
        lastOutcome = lastOutcome == null ? "" : lastOutcome;
    }

    public boolean isNextAction() {
        return cadence instanceof Cadence.Once;
    }
}
