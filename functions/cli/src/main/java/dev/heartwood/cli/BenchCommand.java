package dev.heartwood.cli;

import dev.heartwood.bench.Bench;
import dev.heartwood.bench.BenchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood bench [--full] [--chart FILE]}: the performance figures of docs/benchmarks.md, measured in one run. */
@Command(name = "bench", header = "Measures the heartbeat against an emulator: waves, requests, cost, scaling, cold start, fleet.",
        description = {"Measures, side by side in one run: sequential AWS request waves per warm heartbeat (real and",
        "naive), requests by type and cost per 1M heartbeats, the context rebuild of a young and an old agent, cold",
        "start against a plain-Java baseline (fresh JVM, SnapStart-style priming, JDK AOT cache), in-process time,",
        "and fleet dispatch for a 15-minute cadence. Needs AWS_ENDPOINT_URL (an emulator; see docs/benchmarks.md):",
        "it creates stores under a fresh bench-… prefix and leaves them there. Quick by default; --full is the",
        "form the docs report (several minutes)."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Option(names = "--full", description = "The full form: 200 heartbeats each, 100,000 chat rows and 1,000 logs, 9 JVMs per "
            + "cold-start cell and the AOT cache, 1,000,000 simulated agents.")
    boolean full;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also write the scaling and cold-start chart there, as SVG.")
    Path chart;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the relay, AOT caches and child logs go "
            + "(default: a new temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws IOException {
        Path work = workDir != null ? workDir : Files.createTempDirectory("heartwood-bench");
        Bench.run(root.environment, full ? BenchOptions.full(chart) : BenchOptions.quick(chart), work,
                root.spec.commandLine().getOut());
        return 0;
    }
}
