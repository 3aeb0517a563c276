package dev.heartwood.cli;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.identity.AgentId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood heartbeat AGENT}: one heartbeat, exactly as the scheduled function runs it. */
@Command(name = "heartbeat", header = "Runs one heartbeat: resumes unfinished work, or does the one due task.",
        description = {"Runs one heartbeat: finishes work a crash left behind, or performs the one",
        "task HEARTBEAT.md says is due; journals before acting, so running it twice never acts twice.",
        "Exit 0 for done/resumed/nothing due/skipped, 1 failed, 3 busy (another heartbeat holds the lease)."})
final class HeartbeatCommand implements Callable<Integer> {

    static final int BUSY = 3;

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentId id = AgentId.of(agent);
            HeartbeatOutcome outcome = runtime.runHeartbeat(id).run(id);
            return switch (outcome) {
                case HeartbeatOutcome.Done done -> {
                    out.println("done: " + done.task() + " (slot " + done.slot() + "): " + done.note());
                    yield 0;
                }
                case HeartbeatOutcome.Resumed resumed -> {
                    out.println("resumed: " + resumed.task() + " (slot " + resumed.slot() + "): " + resumed.note());
                    yield 0;
                }
                case HeartbeatOutcome.Skipped skipped -> {
                    out.println("skipped: " + skipped.task() + " (slot " + skipped.slot() + "): " + skipped.reason());
                    yield 0;
                }
                case HeartbeatOutcome.NothingDue nothing -> {
                    out.println("nothing due for " + id);
                    yield 0;
                }
                case HeartbeatOutcome.Busy busy -> {
                    err.println("heartwood: busy: another heartbeat of " + id + " holds the lease; nothing was done");
                    yield BUSY;
                }
                case HeartbeatOutcome.Failed failed -> {
                    err.println("heartwood: heartbeat failed: " + failed.reason());
                    yield HeartwoodCli.FAILED;
                }
            };
        }
    }
}
