package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar the way a user does: {@code java -jar heartwood.jar ...}, in a clean environment. */
@AwsIntegrationTest
class HeartwoodJarIT {

    private static final Path JAR = Path.of(System.getProperty("heartwood.jar", "target/heartwood.jar"));

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run heartwood(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what the test gives: a developer's real AWS credentials must never reach these runs.
        builder.environment().clear();
        builder.environment().put("HOME", tmp.resolve("user-home").toString());
        builder.environment().putAll(env);
        builder.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("heartwood finished within 2 minutes").isTrue();
        return new Run(process.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void help_listsTheCommands() throws Exception {
        Run run = heartwood(Map.of(), "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: heartwood", "bootstrap", "--home=DIR", "--aws");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void bootstrap_local_withDefaultHome_createsItUnderTheUsersHome() throws Exception {
        Run run = heartwood(Map.of(), "bootstrap");

        assertThat(run.code()).isZero();
        assertThat(tmp.resolve("user-home/.heartwood/memory")).isDirectory();
        assertThat(run.out()).contains("Done: 6 created");
    }

    @Test
    void bootstrap_aws_againstTheEmulator_createsEverythingThenChangesNothing(AwsEmulator emulator) throws Exception {
        Map<String, String> env = new HashMap<>(emulator.environment());
        String prefix = emulator.uniquePrefix();
        env.put("HEARTWOOD_PREFIX", prefix);

        Run first = heartwood(env, "--aws", "bootstrap");
        Run second = heartwood(env, "--aws", "bootstrap");

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

        Run run = heartwood(env, "--aws", "--prefix", "nowhere", "bootstrap");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .startsWith("heartwood: bootstrap failed: bucket nowhere-memory: cannot reach S3 at "
                        + env.get("AWS_ENDPOINT_URL") + ": ConnectException");
    }
}
