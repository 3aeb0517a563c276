package dev.heartwood.cli;

import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.identity.AgentId;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood turn AGENT "text"}: one conversational turn, the same one the webhook runs. */
@Command(name = "turn", header = "Says something to the agent and prints its answer.",
        description = {"Says something to the agent and prints its answer: the message is stored,",
        "the context rebuilt, the model asked (HEARTWOOD_MODEL_PROVIDER, HEARTWOOD_MODEL) and the answer stored."})
final class TurnCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Option(names = "--channel", defaultValue = "cli", description = "The channel the message comes from (default: cli).")
    String channel;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentId id = AgentId.of(agent);
            TakeTurn.Turn turn = runtime.takeTurn(id).run(id, channel, text, null);
            out.println(turn.assistant().content());
            return 0;
        }
    }
}
