package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartwoodCliTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HeartwoodCli.execute(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_listsTheCommandsAndGlobalOptions() {
        Run run = run(Map.of(), "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("bootstrap", "--home", "--aws", "--prefix", "Exit codes");
    }

    @Test
    void bench_withoutAnEmulatorEndpoint_refusesAsBadUsageAndNamesTheVariable() {
        Run run = run(Map.of("AWS_REGION", "us-east-1"), "bench", "--work-dir", tmp.resolve("bench").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("AWS_ENDPOINT_URL is not set", "emulator only");
        assertThat(tmp.resolve("bench")).doesNotExist();
    }

    @Test
    void noCommand_printsUsageAndFailsAsBadUsage() {
        Run run = run(Map.of());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("missing command", "Usage: heartwood");
    }

    @Test
    void bootstrap_local_createsTheTreeThenFindsItInPlace() {
        Path home = tmp.resolve("agent-home");

        Run first = run(Map.of(), "--home", home.toString(), "bootstrap");
        Run second = run(Map.of(), "bootstrap", "--home", home.toString());

        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("embedded default at " + home, "created  bucket", "Done: 6 created");
        assertThat(home.resolve("memory")).isDirectory();
        assertThat(home.resolve("heartbeat-dlq")).isDirectory();
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("exists   table", "Nothing to do: all 6 stores already existed.");
    }

    @Test
    void bootstrap_local_whenNoHomeOption_usesHeartwoodHomeVariable() {
        Path home = tmp.resolve("from-env");

        Run run = run(Map.of("HEARTWOOD_HOME", home.toString()), "bootstrap");

        assertThat(run.code()).isZero();
        assertThat(home.resolve("control")).isDirectory();
    }

    @Test
    void bootstrap_whenAStoreCannotBeCreated_printsOneLineNamingItAndExitsOne() throws Exception {
        Path home = tmp.resolve("home");
        java.nio.file.Files.createDirectories(home);
        java.nio.file.Files.writeString(home.resolve("memory"), "in the way");

        Run run = run(Map.of(), "--home", home.toString(), "bootstrap");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly(
                "heartwood: bootstrap failed: bucket heartwood-memory: " + home.resolve("memory")
                        + " exists but is not a directory: move it away and run again");
    }

    @Test
    void bootstrap_whenPrefixIsInvalid_explainsTheRuleAndExitsTwo() {
        Run run = run(Map.of(), "--home", tmp.toString(), "--prefix", "My_Agents", "bootstrap");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("heartwood: prefix 'My_Agents' is not valid");
    }

    @Test
    void bootstrap_aws_whenRegionIsMissing_namesTheVariableAndExitsTwo() {
        Run run = run(Map.of(), "--aws", "bootstrap");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("heartwood: AWS_REGION is not set: set it to the region of your stores,"
                + " e.g. AWS_REGION=eu-west-1");
    }

    @Test
    void bootstrap_whenMaxReceiveCountOutOfRange_isRejectedBeforeAnythingIsCreated() {
        Path home = tmp.resolve("untouched");

        Run run = run(Map.of(), "--home", home.toString(), "bootstrap", "--max-receive-count", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("maxReceiveCount must be 1-1000, got 0");
        assertThat(home).doesNotExist();
    }
}
