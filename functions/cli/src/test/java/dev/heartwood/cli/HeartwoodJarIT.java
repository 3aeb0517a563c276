package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar the way a user does: {@code java -jar heartwood.jar ...}, in a clean environment. */
@AwsIntegrationTest
class HeartwoodJarIT {

    @TempDir
    Path tmp;

    private HeartwoodJar.Run heartwood(Map<String, String> env, String... args) throws Exception {
        return new HeartwoodJar(tmp, env).run(args);
    }

    @Test
    void help_listsTheCommands() throws Exception {
        HeartwoodJar.Run run = heartwood(Map.of(), "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: heartwood", "bootstrap", "--home=DIR", "--aws");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void bootstrap_local_withDefaultHome_createsItUnderTheUsersHome() throws Exception {
        HeartwoodJar.Run run = heartwood(Map.of(), "bootstrap");

        assertThat(run.code()).isZero();
        assertThat(tmp.resolve("user-home/.heartwood/memory")).isDirectory();
        assertThat(run.out()).contains("Done: 6 created");
    }

    @Test
    void bootstrap_aws_againstTheEmulator_createsEverythingThenChangesNothing(AwsEmulator emulator) throws Exception {
        Map<String, String> env = new HashMap<>(emulator.environment());
        String prefix = emulator.uniquePrefix();
        env.put("HEARTWOOD_PREFIX", prefix);

        HeartwoodJar.Run first = heartwood(env, "--aws", "bootstrap");
        HeartwoodJar.Run second = heartwood(env, "--aws", "bootstrap");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains(
                "created  bucket  " + prefix + "-memory", "versioning on",
                "created  table   " + prefix + "-control", "TTL on expires_at",
                "created  queue   " + prefix + "-heartbeat.fifo", "dead letters to " + prefix + "-heartbeat-dlq.fifo",
                "Done: 6 created, 0 updated, 0 already existed.");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("Nothing to do: all 6 stores already existed.").doesNotContain("  created ");
    }

    @Test
    void bootstrap_aws_whenTheEndpointIsUnreachable_printsOneLineAndExitsOne(AwsEmulator emulator) throws Exception {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");

        HeartwoodJar.Run run = heartwood(env, "--aws", "--prefix", "nowhere", "bootstrap");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("heartwood: bootstrap failed: bucket nowhere-memory: cannot reach S3 at "
                        + env.get("AWS_ENDPOINT_URL") + ": ConnectException");
    }
}
