package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.proof.Boundary;
import dev.heartwood.core.proof.ProofReport;
import dev.heartwood.core.proof.ProofSite;
import dev.heartwood.core.proof.RunProof;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code heartwood proof}: the reliability proof, one line per scenario with its figures. The
 * short form (3 seeds) runs in CI; {@code --full} runs 100. Exit 1 on any duplicate, lost write,
 * stuck entry, accepted hostile input or leaked secret, with the command that reproduces each.
 */
@Command(name = "proof", header = "Proves the reliability claims: crashes, duplicates, timeouts, hostile input, secrets.",
        description = {"Runs the fault-injection suite and prints one line per scenario with what it measured:",
        "a crash at every boundary of a heartbeat for every seed, duplicate storms, a heartbeat stopped",
        "mid-task, partial SQS batches, hostile input and planted secrets. Exit 0 only if every figure is",
        "on target. A failing seed is printed with the command that runs it again.",
        "Without --aws it works in a temporary directory; with --aws on stores under a prefix of its own."})
final class ProofCommand implements Callable<Integer> {

    static final int SHORT_SEEDS = 3;
    static final int FULL_SEEDS = 100;
    /** A killed-process run starts about a hundred JVMs per seed: the first seeds only. */
    static final int KILLED_SEEDS = 3;

    @ParentCommand
    HeartwoodCli root;

    @Option(names = "--full", description = "The full form: " + FULL_SEEDS + " seeds (unless --seeds) and more secrets per type.")
    boolean full;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds 1..N (default " + SHORT_SEEDS + ", " + FULL_SEEDS
            + " with --full).")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "Only this seed: how a failing seed is run again.")
    Long seed;

    @Option(names = "--boundary", paramLabel = "B", description = "Only the crash scenarios, at this boundary (repeatable):"
            + " lease, journal, outbox, relay-post, memory-write, chat-row, journal-done, release.")
    List<String> boundaries;

    @Option(names = "--killed", description = "Also crash at every step with killed processes (always with --full):"
            + " heartbeats run as heartwood processes halted at the boundary.")
    boolean killed;

    @Option(names = "--events", paramLabel = "DIR", defaultValue = "events/invalid",
            description = "The hostile event fixtures (default: ${DEFAULT-VALUE}).")
    Path events;

    @Option(names = "--keep", paramLabel = "DIR", description = "Work in DIR (which must not exist) and keep it.")
    Path keep;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = root.spec.commandLine().getOut();
        int count = seeds != null ? seeds : full ? FULL_SEEDS : SHORT_SEEDS;
        if (count < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + count);
        }
        List<Long> chosen = seed != null ? List.of(seed) : LongStream.rangeClosed(1, count).boxed().toList();
        List<Boundary> only = boundaries == null ? List.of() : boundaries.stream().map(Boundary::parse).distinct().toList();
        List<Long> killedSeeds = killed || full ? chosen.subList(0, Math.min(chosen.size(), KILLED_SEEDS)) : List.of();
        RunProof.Command command = new RunProof.Command(chosen, only, full ? 10 : 2, invalidEvents(), killedSeeds);
        Path dir = workDirectory();
        DrillClock clock = new DrillClock(Instant.now());
        ProofReport report;
        try {
            if (root.aws) {
                StoreNames names = StoreNames.withPrefix("proof-" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36));
                try (AwsClients clients = ProofSites.clients(root.environment)) {
                    try {
                        report = run(ProofSites.onAws(clients, names, dir, clock), command, out, dir);
                    } finally {
                        out.println("Cleaned up: " + ProofSites.tearDown(clients, names));
                    }
                }
            } else {
                report = run(ProofSites.embedded(dir, clock), command, out, dir);
            }
        } finally {
            if (keep == null) {
                LocalStores.destroy(LocalHome.at(dir));
            }
        }
        out.println();
        report.lines().forEach(out::println);
        if (!report.failures().isEmpty()) {
            out.println();
            out.println("Failures (" + report.failures().size() + "):");
            report.failures().forEach(f -> out.println("  " + f));
        }
        out.println(String.format(java.util.Locale.ROOT, "%s: %d scenarios, seeds %s, in %.1f s.",
                report.passed() ? "Proof passed" : "Proof FAILED", report.lines().size(), describe(chosen),
                report.took().toMillis() / 1000.0));
        return report.passed() ? 0 : HeartwoodCli.FAILED;
    }

    private ProofReport run(ProofSite site, RunProof.Command command, PrintWriter out, Path dir) {
        out.println("Reliability proof on " + site.description());
        // Killed processes always run on the embedded default: a child is the CLI on a home directory.
        return new RunProof(site, new ProcessHomes(dir.resolve("processes")), out::println).run(command);
    }

    private Path workDirectory() throws IOException {
        if (keep == null) {
            return Files.createTempDirectory("heartwood-proof-");
        }
        if (Files.exists(keep)) {
            throw new IllegalArgumentException("--keep " + keep + " exists: give a directory the proof can create");
        }
        return Files.createDirectories(keep);
    }

    /** Every file of the events directory by name; none if it is not there (the scenario then says so). */
    private Map<String, String> invalidEvents() throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(events)) {
            return files;
        }
        try (Stream<Path> list = Files.list(events)) {
            for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String describe(List<Long> seeds) {
        return seeds.size() == 1 ? seeds.get(0).toString() : seeds.get(0) + ".." + seeds.get(seeds.size() - 1);
    }
}
