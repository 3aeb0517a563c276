package dev.heartwood.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick form of {@code heartwood bench} on the emulators: it runs, prints every section, and
 * its figures have the shape the design promises. Properties only, never timings: this machine's
 * speed is nobody's promise.
 */
@AwsIntegrationTest
class BenchIT {

    @Test
    void quickForm_printsEveryFigure_andTheRealHeartbeatBeatsTheNaiveOne(AwsEmulator emulator, @TempDir Path work)
            throws Exception {
        StringWriter printed = new StringWriter();
        Path chart = work.resolve("chart.svg");

        Bench.Figures figures = Bench.run(emulator.environment(), BenchOptions.quick(chart), work.resolve("run"),
                new PrintWriter(printed, true));
        System.out.println(printed);

        // Waves: lease beside the reads, journal intent, write wave (with the release) for a due task;
        // lease beside the reads, release with none.
        assertThat(figures.realDueWaves()).isLessThanOrEqualTo(3);
        assertThat(figures.realIdleWaves()).isLessThanOrEqualTo(2);
        assertThat(figures.naiveWaves()).isGreaterThan(2).isGreaterThan(figures.realDueWaves());
        assertThat(figures.naiveDollars()).isGreaterThan(figures.realDueDollars());
        // Scaling: the context rebuild asks the same number of requests whatever the history.
        assertThat(figures.scalingLargeRequests()).isEqualTo(figures.scalingSmallRequests());
        // Cold start: the baseline is a fair one, the same calls.
        assertThat(figures.baselineMakesTheSameCalls()).isTrue();
        assertThat(figures.coldStartSetups()).isGreaterThanOrEqualTo(2);
        // Fleet: every agent woken exactly once in its cadence, none lost on the emulators.
        assertThat(figures.everyFleetAgentWokenOnce()).isTrue();
        assertThat(figures.fleetOnEmulatorsEnqueuedAll()).isTrue();
        assertThat(printed.toString()).contains("## Sequential request waves", "## Requests by type and cost", "## Scaling",
                "## Cold start", "## In-process time", "## Fleet");
        assertThat(Files.readString(chart, StandardCharsets.UTF_8)).startsWith("<svg").contains("Cold start", "Context rebuild");
    }
}
