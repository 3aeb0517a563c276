package dev.heartwood.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code heartwood bench}: every figure of the performance proof in one run, against the AWS
 * endpoint the environment names (an emulator: the bench creates its own stores under a fresh
 * {@code bench-…} prefix and leaves them there). Prints markdown tables; returns the figures.
 */
public final class Bench {

    /** Everything one run measured, for the printout and for the smoke test's structural checks. */
    public record Figures(HeartbeatBench.Result realDue, HeartbeatBench.Result realIdle, HeartbeatBench.Result naive,
            List<PriceTable.Line> realDueCost, List<PriceTable.Line> realIdleCost, List<PriceTable.Line> naiveCost,
            Recording coldReal, Recording coldPlain, List<ScalingBench.Case> scaling, ColdStartBench.Result coldStart,
            FleetBench.Simulation fleet, FleetBench.OnEmulators fleetOnEmulators) {

        /** Whether the plain baseline makes exactly the calls the real heartbeat makes, type by type. */
        public boolean baselineMakesTheSameCalls() {
            return coldReal.byType().equals(coldPlain.byType());
        }

        public int realDueWaves() {
            return realDue.minWaves();
        }

        public int realIdleWaves() {
            return realIdle.minWaves();
        }

        public int naiveWaves() {
            return naive.minWaves();
        }

        public double realDueDollars() {
            return PriceTable.total(realDueCost);
        }

        public double naiveDollars() {
            return PriceTable.total(naiveCost);
        }

        public int scalingSmallRequests() {
            return scaling.get(0).requests();
        }

        public int scalingLargeRequests() {
            return scaling.get(1).requests();
        }

        public int coldStartSetups() {
            return coldStart.rows().size();
        }

        public boolean everyFleetAgentWokenOnce() {
            return fleet.wokenOnce() == fleet.agents() && fleet.dispatched() == fleet.agents();
        }

        public boolean fleetOnEmulatorsEnqueuedAll() {
            return fleetOnEmulators.result().enqueued() == fleetOnEmulators.agents();
        }
    }

    private Bench() {
    }

    /**
     * @throws IllegalArgumentException when the environment names no endpoint: the bench never runs against a real account
     */
    public static Figures run(Map<String, String> environment, BenchOptions options, Path workDir, PrintWriter out)
            throws IOException {
        Objects.requireNonNull(options, "options");
        String endpoint = environment.get("AWS_ENDPOINT_URL");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("AWS_ENDPOINT_URL is not set: the bench runs against an emulator only "
                    + "(it creates stores and thousands of items); start moto and DynamoDB Local as docs/benchmarks.md shows, "
                    + "then set AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and test credentials");
        }
        Files.createDirectories(workDir);
        BenchClock clock = new BenchClock();
        RequestRecorder recorder = new RequestRecorder();
        try (BenchInstallation installation = BenchInstallation.create(environment, List.of(recorder), clock, workDir)) {
            out.printf(Locale.ROOT, "# heartwood bench (%s form) — %s%n%n", options.full() ? "full" : "quick", Instant.now()
                    .truncatedTo(ChronoUnit.SECONDS));
            out.printf(Locale.ROOT, "endpoint %s (DynamoDB %s), stores under prefix %s; JDK %s, %d cores, max heap %d MiB, "
                    + "load average %.2f at the start%n%n", endpoint, environment.getOrDefault("AWS_ENDPOINT_URL_DYNAMODB", endpoint),
                    installation.names().prefix(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, loadAverage());

            HeartbeatBench heartbeats = new HeartbeatBench(installation, recorder, clock);
            var realDue = heartbeats.real("real, due task", BenchInstallation.DUE_TASK, options.warmUps(), options.heartbeats());
            var realIdle = heartbeats.real("real, nothing due", BenchInstallation.IDLE_TASK, options.warmUps(), options.heartbeats());
            var naive = heartbeats.naive(BenchInstallation.DUE_TASK, options.warmUps(), options.heartbeats());
            PriceTable prices = PriceTable.US_EAST_1;
            var realDueCost = prices.perMillionHeartbeats(realDue.recordings(), options.lambdaMemoryMb(), realDue.wall().medianMillis() / 1e3);
            var realIdleCost = prices.perMillionHeartbeats(realIdle.recordings(), options.lambdaMemoryMb(), realIdle.wall().medianMillis() / 1e3);
            var naiveCost = prices.perMillionHeartbeats(naive.recordings(), options.lambdaMemoryMb(), naive.wall().medianMillis() / 1e3);

            Recording coldReal = coldRealCalls(installation, recorder);
            Recording coldPlain = coldPlainCalls(installation, recorder);

            var scaling = new ScalingBench(installation, recorder).run(options.smallRows(), options.smallLogs(), options.largeRows(),
                    options.largeLogs(), options.rebuilds());
            var coldStart = new ColdStartBench(installation, workDir).run(options.coldRuns(), options.aot());
            var fleetBench = new FleetBench();
            var fleetOnEmulators = fleetBench.onEmulators(installation, recorder, options.emulatorFleetAgents());
            var fleet = fleetBench.simulate(options.fleetAgents(), dev.heartwood.core.dispatch.Shards.DEFAULT_COUNT);

            Figures figures = new Figures(realDue, realIdle, naive, realDueCost, realIdleCost, naiveCost, coldReal, coldPlain, scaling,
                    coldStart, fleet, fleetOnEmulators);
            new BenchReport(out, options).print(figures);
            out.printf(Locale.ROOT, "load average %.2f at the end%n", loadAverage());
            if (options.chart() != null) {
                Files.createDirectories(options.chart().toAbsolutePath().getParent());
                Files.writeString(options.chart(), BenchReport.chart(figures));
                out.println("chart written to " + options.chart());
            }
            out.flush();
            return figures;
        }
    }

    /** Other work on the machine moves every timing; the run prints what it shared the cores with. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A real heartbeat as a cold container makes it: new clients, empty key cache. */
    private static Recording coldRealCalls(BenchInstallation installation, RequestRecorder recorder) {
        var agent = installation.newAgent(BenchInstallation.DUE_TASK);
        try (BenchInstallation fresh = BenchInstallation.attach(installation.childEnvironment(), List.of(recorder),
                java.time.Clock.systemUTC())) {
            var heartbeat = fresh.runHeartbeat();
            recorder.clear();
            heartbeat.run(agent);
            return recorder.take();
        }
    }

    private static Recording coldPlainCalls(BenchInstallation installation, RequestRecorder recorder) {
        var agent = installation.newAgent(BenchInstallation.DUE_TASK);
        try (var clients = new dev.heartwood.aws.AwsClients(
                dev.heartwood.aws.AwsSettings.fromEnvironment(installation.childEnvironment()), List.of(recorder))) {
            var plain = new PlainHeartbeat(clients, installation.names(), java.time.Clock.systemUTC());
            recorder.clear();
            plain.run(agent.value());
            return recorder.take();
        }
    }

    /** {@code java -cp … dev.heartwood.bench.Bench [--full] [CHART.svg]}; the CLI's {@code heartwood bench} is the usual door. */
    public static void main(String[] args) throws IOException {
        boolean full = List.of(args).contains("--full");
        Path chart = List.of(args).stream().filter(a -> a.endsWith(".svg")).findFirst().map(Path::of).orElse(null);
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        run(System.getenv(), full ? BenchOptions.full(chart) : BenchOptions.quick(chart),
                Files.createTempDirectory("heartwood-bench"), out);
    }
}
