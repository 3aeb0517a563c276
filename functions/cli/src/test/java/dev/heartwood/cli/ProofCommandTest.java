package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The short form of the reliability proof, as CI runs it: three seeds on the embedded default. */
class ProofCommandTest {

    private static final Path EVENTS = Path.of("../../events/invalid");

    @Test
    void proof_shortForm_everyFigureOnTarget() {
        InProcessCli.Run run = InProcessCli.run(Map.of(), "", "proof", "--events", EVENTS.toString());

        List<String> lines = run.out().lines().filter(l -> l.startsWith("✅") || l.startsWith("❌")).toList();
        assertThat(lines).as(run.out()).hasSize(6).allMatch(l -> l.startsWith("✅"));
        String report = String.join("\n", lines);
        for (String zero : List.of("duplicate deliveries", "lost acknowledged writes", "stuck in progress",
                "duplicate effects", "store changes", "good records dead-lettered", "found in memory", "chat rows",
                "backups", "logs", "stuck past lease expiry", "runs let in while the lease was live")) {
            Matcher figure = Pattern.compile(Pattern.quote(zero) + " (\\d+)").matcher(report);
            assertThat(figure.find()).as(zero + " is reported").isTrue();
            do {
                assertThat(figure.group(1)).as(zero).isEqualTo("0");
            } while (figure.find());
        }
        assertThat(report).contains("final state equal 48/48", "refused 77/77", "with a clear error 77/77");
        assertThat(run.out()).contains("Proof passed: 6 scenarios, seeds 1..3");
        assertThat(run.code()).isZero();
    }

    @Test
    void proof_whenTheEventsAreMissing_failsTheHostileInputScenario() {
        InProcessCli.Run run = InProcessCli.run(Map.of(), "", "proof", "--seeds", "1", "--events", "no-such-dir");

        assertThat(run.out()).contains("❌ hostile input", "events/invalid not found");
        assertThat(run.code()).isEqualTo(HeartwoodCli.FAILED);
    }

    @Test
    void proof_withABoundary_runsOnlyTheCrashScenarioThereAndNamesTheSeed() {
        InProcessCli.Run run = InProcessCli.run(Map.of(), "", "proof", "--seed", "7", "--boundary", "relay-post");

        assertThat(run.out()).contains("✅ crash at every step (thrown fault) — 1 boundaries × 2 sides × 1 seeds = 2 faults",
                "seeds 7");
        assertThat(run.out()).doesNotContain("duplicate storm");
        assertThat(run.code()).isZero();
    }

    @Test
    void proof_anUnknownBoundary_isBadUsageNamingTheKnownOnes() {
        InProcessCli.Run run = InProcessCli.run(Map.of(), "", "proof", "--boundary", "relay");

        assertThat(run.err()).contains("boundary 'relay' is not known", "relay-post", "journal-done");
        assertThat(run.code()).isEqualTo(HeartwoodCli.BAD_USAGE);
    }
}
