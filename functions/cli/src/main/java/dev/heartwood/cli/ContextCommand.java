package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AgentContext;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.ContextPart;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood context AGENT}: the context a model call would get, part by part with sizes. */
@Command(name = "context", header = "Prints the context a model call gets, with the size of each part.",
        description = {"Rebuilds the agent's context (identity files, memory, heartbeat, recent logs,",
        "newest chat, rolling summary) in one read wave and prints it with the size of each part."})
final class ContextCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = "--budget", paramLabel = "TOKENS", description = "Token budget (default: ${DEFAULT-VALUE}; ~4 characters a token).",
            defaultValue = "16000")
    int budget;

    @Option(names = "--sizes-only", description = "Print the table of parts without the text.")
    boolean sizesOnly;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentContext context = new BuildContext(runtime.memoryStore(), runtime.chatLog(), runtime.clock(),
                    new ContextBudget(budget, ContextBudget.DEFAULT.chatRows())).run(AgentId.of(agent));
            out.printf("Context of %s: %d parts, ~%d of %d tokens, %d storage reads in one wave%n", agent,
                    context.parts().size(), context.estimatedTokens(), budget, context.storageReads());
            for (ContextPart part : context.parts()) {
                out.printf("  %-32s %7d chars  ~%6d tokens%s%n", part.source(), part.text().length(), part.estimatedTokens(),
                        part.truncated() ? "  (cut from " + part.originalChars() + ")" : "");
            }
            if (!sizesOnly) {
                out.println();
                out.print(context.text());
            }
            return 0;
        }
    }
}
