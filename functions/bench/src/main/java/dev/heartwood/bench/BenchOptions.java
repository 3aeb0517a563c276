package dev.heartwood.bench;

import java.nio.file.Path;

/**
 * How big a run is. The quick form (for {@code ./mvnw verify}) shows that every part runs and
 * prints its figures; the full form is the one docs/benchmarks.md reports.
 *
 * @param chart where to write the SVG chart, or {@code null} for none
 */
public record BenchOptions(boolean full, int warmUps, int heartbeats, int smallRows, int smallLogs, int largeRows, int largeLogs,
        int rebuilds, int coldRuns, boolean aot, int fleetAgents, int emulatorFleetAgents, int lambdaMemoryMb, Path chart) {

    /** The stack's default memory for the heartbeat and worker functions (infra {@code FunctionKind}). */
    public static final int LAMBDA_MEMORY_MB = 1024;

    public static BenchOptions quick(Path chart) {
        return new BenchOptions(false, 3, 10, 10, 1, 1_000, 10, 3, 1, false, 10_000, 50, LAMBDA_MEMORY_MB, chart);
    }

    /**
     * The emulator part of the fleet stays at 200 agents: with 500 and more, the sixteen shard
     * threads' concurrent SendMessageBatch calls left moto 5.2.5's server answering nothing at all
     * on the 2-core bench machine. The million-agent figures come from the simulated roster.
     */
    public static BenchOptions full(Path chart) {
        return new BenchOptions(true, 10, 200, 10, 1, 100_000, 1_000, 20, 9, true, 1_000_000, 200, LAMBDA_MEMORY_MB, chart);
    }
}
