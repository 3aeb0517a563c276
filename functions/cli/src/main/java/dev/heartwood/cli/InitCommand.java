package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.SeedMemory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood init <agent>}: a new identity in the vault, its key log, and a relay registration. */
@Command(name = "init", header = "Gives an agent its identity: key, key log, relay registration.",
        description = {"Gives an agent its identity: creates its Ed25519 key in the key vault, starts its key log",
                "and registers it with the relay. Run again, it keeps the key and confirms the registration."})
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT", description = "The agent id (lowercase letters, digits, hyphens).")
    String agent;

    @Option(names = "--schedule", description = "With --aws: also create the agent's EventBridge Scheduler schedules"
            + " (see `heartwood schedule`).")
    boolean schedule;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m",
            description = "With --schedule: the heartbeat cadence (default: ${DEFAULT-VALUE}).")
    String every;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentId id = AgentId.of(agent);
            if (schedule) {
                runtime.agentSchedules(); // a missing setting is named before anything is created
            }
            InitAgent.Outcome outcome = new InitAgent(runtime.keyVault(), runtime.keyLogs(), runtime.relay(),
                    runtime.clock()).run(id);
            switch (outcome) {
                case InitAgent.Created created -> out.println("Agent " + id + " has a new identity.");
                case InitAgent.AlreadyInitialized existing -> out.println("Agent " + id
                        + " already has an identity: kept it and confirmed the relay registration.");
            }
            out.println("  key         " + outcome.key().did());
            out.println("  fingerprint " + outcome.key().fingerprint());
            out.println("  relay       registered since " + outcome.registration().registeredAt()
                    + ", genesis " + outcome.registration().genesisKey().fingerprint());
            SeedMemory.Seeded seeded = new SeedMemory(runtime.memoryStore()).run(id);
            out.println("  memory      " + (seeded.created().isEmpty() ? "kept all existing files"
                    : "seeded " + seeded.created().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", ")))
                    + (seeded.kept().isEmpty() || seeded.created().isEmpty() ? "" : "; kept " + seeded.kept().size() + " existing"));
            return schedule ? ScheduleCommand.run(runtime, out, id, every, false) : 0;
        }
    }
}
