package dev.heartwood.cli;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.BootstrapReport;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.StorePlan;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood bootstrap}: creates the stores an agent needs; running it again changes nothing. */
@Command(name = "bootstrap",
        description = {
                "Creates the stores an agent needs, idempotently.",
                "Locally: the directory tree under --home. With --aws: the memory bucket (versioned), the backup bucket,"
                        + " the agent_messages and control tables, the FIFO heartbeat queue and its dead-letter queue."})
final class BootstrapCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Option(names = "--max-receive-count", paramLabel = "N", defaultValue = "" + StorePlan.DEFAULT_MAX_RECEIVE_COUNT,
            description = "Receives before a heartbeat message moves to the dead-letter queue (default: ${DEFAULT-VALUE}).")
    int maxReceiveCount;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            StorePlan plan = StorePlan.forInstallation(runtime.names(), maxReceiveCount);
            out.println("Bootstrapping " + runtime.describeTarget());
            BootstrapReport report = runtime.bootstrapStores().run(plan, p -> out.println(line(p)));
            out.println(summary(report));
            return 0;
        } catch (BootstrapException e) {
            err.println("heartwood: bootstrap failed: " + e.getMessage());
            return HeartwoodCli.FAILED;
        }
    }

    private static String line(Provisioned p) {
        String change = switch (p.change()) {
            case CREATED -> "created";
            case UPDATED -> "updated";
            case EXISTED -> "exists";
        };
        return String.format(Locale.ROOT, "  %-8s %-7s %-36s %s", change, p.store().kind(), p.store().name(), p.detail())
                .stripTrailing();
    }

    private static String summary(BootstrapReport report) {
        if (report.changedNothing()) {
            return "Nothing to do: all " + report.stores().size() + " stores already existed.";
        }
        return "Done: " + report.count(Provisioned.Change.CREATED) + " created, "
                + report.count(Provisioned.Change.UPDATED) + " updated, "
                + report.count(Provisioned.Change.EXISTED) + " already existed.";
    }
}
