package dev.heartwood.cli;

import dev.heartwood.aws.SchedulerAgentSchedules;
import dev.heartwood.core.dispatch.AgentSchedules;
import dev.heartwood.core.identity.AgentId;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood --aws schedule AGENT}: the agent's own EventBridge Scheduler schedules. */
@Command(name = "schedule", header = "Creates, updates or removes the agent's own schedules (AWS).",
        description = {"Creates or updates the agent's EventBridge Scheduler schedules (AWS only): a",
        "heartbeat every --every to HEARTWOOD_HEARTBEAT_TARGET_ARN (the heartbeat queue or function) and, with",
        "HEARTWOOD_BACKUP_TARGET_ARN, hourly hot and weekly cold backups; as HEARTWOOD_SCHEDULER_ROLE_ARN, in",
        "group HEARTWOOD_SCHEDULE_GROUP (default: the prefix). --remove deletes them. For fleets, use dispatch."})
final class ScheduleCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m",
            description = "The heartbeat cadence in whole minutes: 15m, 1h or PT15M (default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--remove", description = "Delete the agent's schedules instead.")
    boolean remove;

    @Override
    public Integer call() {
        try (CliRuntime runtime = CliRuntime.from(root)) {
            return run(runtime, root.spec.commandLine().getOut(), AgentId.of(agent), every, remove);
        }
    }

    /** Shared with {@code init --schedule}. */
    static int run(CliRuntime runtime, PrintWriter out, AgentId agent, String every, boolean remove) {
        AgentSchedules schedules = runtime.agentSchedules();
        if (remove) {
            List<String> removed = schedules.remove(agent);
            out.println(removed.isEmpty() ? agent + " had no schedules: nothing changed."
                    : "Deleted " + String.join(", ", removed) + ".");
            return 0;
        }
        for (AgentSchedules.Ensured schedule : schedules.ensure(agent, DispatchCommand.duration(every))) {
            out.println("  schedule    " + schedule.name() + " " + schedule.expression() + " ("
                    + (schedule.created() ? "created" : "updated") + ")");
        }
        return 0;
    }
}
