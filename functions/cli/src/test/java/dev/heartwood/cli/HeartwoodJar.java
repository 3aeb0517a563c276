package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shipped jar the way a user does, {@code java -jar heartwood.jar ...}, in a clean
 * environment: only what the test gives, so a developer's real AWS credentials never reach a run.
 */
final class HeartwoodJar {

    static final Path JAR = Path.of(System.getProperty("heartwood.jar", "target/heartwood.jar"));

    record Run(int code, String out, String err) {
    }

    private final Path workDir;
    private final Map<String, String> environment;

    /** @param workDir a temporary folder: the user's HOME is {@code workDir/user-home}, outputs are kept there too */
    HeartwoodJar(Path workDir, Map<String, String> environment) {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
    }

    Run run(Map<String, String> extra, String stdin, String... args) throws IOException, InterruptedException {
        return run(java.time.Duration.ofMinutes(2), extra, stdin, args);
    }

    Run run(java.time.Duration timeout, Map<String, String> extra, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("HOME", workDir.resolve("user-home").toString());
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        Path in = Files.writeString(Files.createTempFile(workDir, "in", ".txt"), stdin);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as("heartwood finished within " + timeout).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), "", args);
    }
}
