package dev.heartwood.cli;

import dev.heartwood.aws.DynamoDbDueIndex;
import dev.heartwood.aws.SqsHeartbeatQueue;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.dispatch.DispatchResult;
import dev.heartwood.core.dispatch.DueIndex;
import dev.heartwood.core.identity.AgentId;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood --aws dispatch add|remove|tick}: the fleet roster the dispatch function wakes agents from. */
@Command(name = "dispatch", header = "The fleet roster the dispatch function wakes agents from (AWS).",
        description = {"The fleet roster (AWS only): agents the dispatch function wakes on a cadence,",
        "by sending them to the heartbeat queue. Locally, run `heartwood heartbeat` from cron instead."},
        subcommands = {DispatchCommand.Add.class, DispatchCommand.Remove.class, DispatchCommand.Tick.class})
final class DispatchCommand {

    @ParentCommand
    HeartwoodCli root;

    abstract static class RosterCommand implements Callable<Integer> {
        @ParentCommand
        DispatchCommand dispatch;

        PrintWriter out() {
            return dispatch.root.spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            if (!dispatch.root.aws) {
                throw new IllegalArgumentException("dispatch is for fleets on AWS: add --aws (locally, run"
                        + " `heartwood heartbeat AGENT` from cron or a systemd timer)");
            }
            try (CliRuntime runtime = CliRuntime.from(dispatch.root)) {
                return run(runtime);
            }
        }

        abstract Integer run(CliRuntime runtime);

        static DueIndex roster(CliRuntime runtime) {
            return new DynamoDbDueIndex(runtime.awsClientsForDispatch(), runtime.names().nameOf(StoreRole.CONTROL_TABLE));
        }
    }

    @Command(name = "add", description = "Puts an agent on the roster, woken every --every (first wake: now).")
    static final class Add extends RosterCommand {
        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m",
                description = "The wake cadence: 15m, 1h, or ISO PT15M (default: ${DEFAULT-VALUE}; at least 1m).")
        String every;

        @Override
        Integer run(CliRuntime runtime) {
            Duration cadence = duration(every);
            roster(runtime).register(AgentId.of(agent), cadence,
                    runtime.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            out().println("On the roster: " + agent + ", woken every " + every + " by the dispatch function.");
            return 0;
        }
    }

    @Command(name = "remove", description = "Takes an agent off the roster.")
    static final class Remove extends RosterCommand {
        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Override
        Integer run(CliRuntime runtime) {
            boolean removed = roster(runtime).remove(AgentId.of(agent));
            out().println(removed ? "Off the roster: " + agent + "." : agent + " was not on the roster: nothing changed.");
            return 0;
        }
    }

    @Command(name = "tick", description = "One dispatch tick now, as the dispatch function runs it.")
    static final class Tick extends RosterCommand {
        @Override
        Integer run(CliRuntime runtime) {
            Instant now = runtime.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            DispatchResult result = new DispatchDueAgents(roster(runtime), new SqsHeartbeatQueue(
                    runtime.awsClientsForDispatch(), runtime.names().nameOf(StoreRole.HEARTBEAT_QUEUE)),
                    () -> "cli-" + UUID.randomUUID()).run(now);
            out().println("Dispatched at " + now + ": " + result.found() + " due, " + result.enqueued() + " enqueued, "
                    + result.failed() + " failed, " + result.pages() + " pages over " + result.shards() + " shards.");
            result.failures().forEach(f -> out().println("  failed: " + f));
            return result.failed() == 0 ? 0 : HeartwoodCli.FAILED;
        }
    }

    static Duration duration(String text) {
        String value = text.strip();
        try {
            if (value.matches("[0-9]+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--every '" + text + "' is not a duration: expected 15m, 1h or PT15M");
        }
    }
}
