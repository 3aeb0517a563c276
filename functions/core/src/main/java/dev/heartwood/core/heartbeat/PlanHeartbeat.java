package dev.heartwood.core.heartbeat;

import dev.heartwood.core.heartbeat.plan.Decision;
import dev.heartwood.core.heartbeat.plan.DueSlot;
import dev.heartwood.core.heartbeat.plan.HeartbeatPlan;
import dev.heartwood.core.heartbeat.plan.PlannedTask;
import dev.heartwood.core.heartbeat.task.TaskRun;
import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link HeartbeatPlanning} over the documented HEARTBEAT.md format (docs/heartbeat-format.md). */
public final class PlanHeartbeat implements HeartbeatPlanning {

    private final Set<String> kinds;

    /** @param kinds the task kinds an executor runs: any other kind in the file is a format error */
    public PlanHeartbeat(Set<String> kinds) {
        this.kinds = Set.copyOf(kinds);
    }

    @Override
    public Optional<Due> next(AgentId agent, String heartbeat, Instant now) {
        HeartbeatPlan plan = HeartbeatPlan.parse(heartbeat, kinds);
        return plan.next(now, Map.of()).map(decision -> switch (decision) {
            case Decision.Run run -> Due.run(taskRun(agent, run.task(), run.slot()), slots(run.skipped()),
                    policy(run.task()));
            case Decision.SkipOnly skip -> Due.skipOnly(skip.task().id(), slots(skip.skipped()), policy(skip.task()),
                    skip.newest());
        });
    }

    @Override
    public String recordRun(String heartbeat, TaskId task, Instant at, String outcome, String note) {
        return HeartbeatPlan.recordRun(heartbeat, task, at, outcome, note);
    }

    private static TaskRun taskRun(AgentId agent, PlannedTask task, Instant slot) {
        return new TaskRun(agent, task.id(), task.kind(), task.argument(), slot, MessageId.of(agent, task.id(), slot));
    }

    private static List<Instant> slots(List<DueSlot> skipped) {
        return skipped.stream().map(DueSlot::slot).toList();
    }

    private static String policy(PlannedTask task) {
        return task.catchUp().policy().name().toLowerCase(Locale.ROOT);
    }
}
