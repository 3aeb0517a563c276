package dev.heartwood.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * cfn-lint from PyPI in a venv of its own under {@code ~/.cache/heartwood/cfn-lint-<version>},
 * installed on first use (the pattern of the testkit's moto installation): a fresh CI machine needs
 * nothing but Python 3 with venv and pip's access to PyPI.
 *
 * @param cacheRoot the user's cache directory
 * @param version   the pinned cfn-lint release
 * @param log       where the install's output goes
 */
record CfnLint(Path cacheRoot, String version, Path log) {

    static final String REMEDY = "Install Python 3 with venv (apt-get install python3-venv) and let pip reach PyPI.";
    private static final long TIMEOUT_MINUTES = 10;

    /** What one run found: cfn-lint's exit code (a bit field: 2 errors, 4 warnings, 8 informational) and its lines. */
    record Result(int exitCode, List<String> lines) {

        boolean hasErrors() {
            return (exitCode & 2) != 0 || (exitCode & 1) != 0;
        }

        boolean hasWarnings() {
            return (exitCode & 4) != 0;
        }
    }

    Path venv() {
        return cacheRoot.resolve("heartwood").resolve("cfn-lint-" + version);
    }

    private Path executable() {
        return venv().resolve("bin").resolve("cfn-lint");
    }

    /** Installs unless a complete venv is already there; built beside its place and renamed in one step. */
    Path install() throws IOException, InterruptedException {
        Path venv = venv();
        if (Files.isRegularFile(executable())) {
            return venv;
        }
        System.err.println("heartwood-infra: installing cfn-lint " + version + " into " + venv + " (first run only; output in "
                + log.toAbsolutePath() + ")…");
        Files.createDirectories(venv.getParent());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(log);
        Path staging = Files.createTempDirectory(venv.getParent(), venv.getFileName() + ".partial-");
        try {
            require(run(List.of("python3", "-m", "venv", staging.toString()), log), "python3 -m venv");
            require(run(List.of(staging.resolve("bin").resolve("python").toString(), "-m", "pip", "install",
                    "--disable-pip-version-check", "cfn-lint==" + version), log), "pip install cfn-lint==" + version);
            try {
                Files.move(staging, venv, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(executable())) {
                    throw raced;
                }
            }
        } finally {
            deleteTree(staging);
        }
        return venv;
    }

    /**
     * Lints one template. The venv's python runs the console script, because its #! line names
     * the staging directory it was installed in.
     */
    Result lint(Path template, Path output) throws IOException, InterruptedException {
        install();
        Files.deleteIfExists(output);
        int exit = run(List.of(venv().resolve("bin").resolve("python").toString(), executable().toString(),
                "--format", "parseable", template.toString()), output);
        return new Result(exit, Files.readAllLines(output, StandardCharsets.UTF_8));
    }

    private void require(int exit, String what) {
        if (exit != 0) {
            String tail;
            try {
                List<String> lines = Files.readAllLines(log);
                tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                tail = "(" + log + " unreadable: " + e.getMessage() + ")";
            }
            throw new IllegalStateException("cfn-lint could not be installed: `" + what + "` exited " + exit + "; last lines of "
                    + log.toAbsolutePath() + ":\n" + tail + "\n" + REMEDY);
        }
    }

    private static int run(List<String> command, Path output) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        } catch (IOException notThere) {
            throw new IllegalStateException(command.getFirst() + " could not be run (" + notThere.getMessage() + "). " + REMEDY,
                    notThere);
        }
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " gave no result within " + TIMEOUT_MINUTES + " minutes");
        }
        return process.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }
    }
}
