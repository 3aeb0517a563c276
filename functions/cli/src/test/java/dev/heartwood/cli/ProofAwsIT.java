package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proof against the AWS adapters on the emulators: DynamoDB lease, journal and chat, S3 memory and backups. */
@AwsIntegrationTest
class ProofAwsIT {

    @TempDir
    Path tmp;

    @Test
    void proof_onAws_everyScenarioPassesAndItsStoresAreRemoved(AwsEmulator emulator) throws Exception {
        HeartwoodJar.Run run = new HeartwoodJar(tmp, emulator.environment()).run(Duration.ofMinutes(15), Map.of(), "",
                "--aws", "proof", "--seeds", "1", "--events", Path.of("../../events/invalid").toAbsolutePath().toString());

        List<String> lines = run.out().lines().filter(l -> l.startsWith("✅") || l.startsWith("❌")).toList();
        assertThat(lines).as(run.out() + run.err()).hasSize(6).allMatch(l -> l.startsWith("✅"));
        assertThat(run.out()).contains("Reliability proof on AWS", "final state equal 16/16", "Cleaned up: ");
        assertThat(run.code()).isZero();
    }
}
