package dev.heartwood.cli;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code heartwood}: the root command, holding the options every subcommand shares. */
@Command(name = "heartwood",
        mixinStandardHelpOptions = true,
        versionProvider = HeartwoodCli.Version.class,
        description = "Keeps an AI agent alive: its identity, memory and heartbeat outlive any machine.",
        subcommands = {BootstrapCommand.class, InitCommand.class, KeysCommand.class, MemoryCommand.class, ChatCommand.class,
                ContextCommand.class, HeartbeatCommand.class, TurnCommand.class, BackupCommand.class, RestoreCommand.class,
                DrillCommand.class, ProofCommand.class, BenchCommand.class, DispatchCommand.class, ScheduleCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed (the message says what and where), 2 bad usage or configuration,",
                "3 busy (heartbeat: another one holds the agent's lease)."})
public final class HeartwoodCli implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory of the embedded default (default: $HEARTWOOD_HOME, else ~/.heartwood).")
    Path home;

    @Option(names = "--aws", scope = ScopeType.INHERIT,
            description = "Use the AWS adapters. Region from AWS_REGION, endpoints from AWS_ENDPOINT_URL or "
                    + "AWS_ENDPOINT_URL_<SERVICE>, credentials from the default chain.")
    boolean aws;

    @Option(names = "--prefix", paramLabel = "PREFIX", scope = ScopeType.INHERIT,
            description = "Starts every AWS resource name (default: $HEARTWOOD_PREFIX, else heartwood).")
    String prefix;

    final Map<String, String> environment;
    final java.io.InputStream stdin;

    HeartwoodCli(Map<String, String> environment, java.io.InputStream stdin) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, System.getenv(), out, err));
    }

    /** Runs one command line; the environment is passed in so tests can run the CLI in-process. */
    static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return execute(args, environment, System.in, out, err);
    }

    static int execute(String[] args, Map<String, String> environment, java.io.InputStream stdin, PrintWriter out,
            PrintWriter err) {
        CommandLine cli = new CommandLine(new HeartwoodCli(environment, stdin));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // Configuration mistakes (a bad prefix, a missing AWS_REGION) are the user's to fix: say which.
            if (e instanceof IllegalArgumentException) {
                line.getErr().println("heartwood: " + e.getMessage());
                return BAD_USAGE;
            }
            // Expected failures carry a message written for the user (never key material): print it alone.
            if (e instanceof IdentityException || e instanceof RelayRejectedException || e instanceof BootstrapException
                    || e instanceof dev.heartwood.core.memory.MemoryException
                    || e instanceof dev.heartwood.core.heartbeat.JournalConflictException
                    || e instanceof dev.heartwood.core.model.ModelException
                    || e instanceof dev.heartwood.core.recovery.BackupException
                    || e instanceof dev.heartwood.core.dispatch.DispatchException
                    || e instanceof dev.heartwood.core.dispatch.ScheduleException) {
                line.getErr().println("heartwood: " + e.getMessage());
                return FAILED;
            }
            if (e instanceof java.nio.file.NoSuchFileException missing) {
                line.getErr().println("heartwood: no such file: " + missing.getFile());
                return FAILED;
            }
            if (e instanceof java.io.IOException io) {
                line.getErr().println("heartwood: " + io.getClass().getSimpleName() + ": " + io.getMessage());
                return FAILED;
            }
            line.getErr().println("heartwood: unexpected failure: " + e);
            return FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("heartwood: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HeartwoodCli.class.getPackage().getImplementationVersion();
            return new String[] {"heartwood " + (version == null ? "(development build)" : version)};
        }
    }
}
