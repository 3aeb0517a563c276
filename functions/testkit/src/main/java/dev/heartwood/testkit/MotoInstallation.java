package dev.heartwood.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * moto server in a Python venv of its own, installed from PyPI once per machine and version.
 *
 * @param cacheRoot the user's cache directory; the venv goes to {@code heartwood/moto-<version>}
 * @param version the moto release
 * @param python the interpreter that creates the venv
 * @param log where the install's output goes
 */
record MotoInstallation(Path cacheRoot, String version, String python, Path log) {

    static final String REMEDY = "Install Python 3 with venv (and let pip reach PyPI), or set AWS_ENDPOINT_URL.";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    Path venv() {
        return cacheRoot.resolve("heartwood").resolve("moto-" + version);
    }

    /** The venv's interpreter; scripts are run through it because their #! lines name the staging dir. */
    Path interpreter() {
        return venv().resolve("bin").resolve("python");
    }

    Path server() {
        return venv().resolve("bin").resolve("moto_server");
    }

    /**
     * The launcher the harness runs: moto's server with S3's conditional PUT made atomic (see the
     * script's docstring), written beside the venv from this jar, so it always matches the code.
     */
    Path atomicServer() {
        Path script = venv().resolveSibling(venv().getFileName() + "-moto_server_atomic.py");
        try (java.io.InputStream in = MotoInstallation.class.getResourceAsStream("moto_server_atomic.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_server_atomic.py is missing from the testkit jar");
            }
            Path temp = Files.createTempFile(venv().getParent(), "moto_server_atomic", ".py");
            Files.write(temp, in.readAllBytes());
            Files.move(temp, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return script;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the moto launcher " + script, e);
        }
    }

    /** Returns the venv, installing it first unless a complete one is already there. */
    Path install() {
        Path venv = venv();
        if (isComplete(venv)) {
            return venv;
        }
        System.err.println("heartwood-testkit: installing moto " + version + " into " + venv
                + " (first run only; output in " + log.toAbsolutePath() + ")…");
        try {
            Files.createDirectories(venv.getParent());
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(log);
            // Built beside its final place and renamed in one step, so an interrupted install never
            // leaves a half venv where the next run would take it for a finished one.
            Path staging = Files.createTempDirectory(venv.getParent(), venv.getFileName() + ".partial-");
            try {
                run("`" + python + " -m venv` failed", List.of(python, "-m", "venv", staging.toString()));
                // `python -m pip` rather than bin/pip: a long cache path can exceed the #! length limit.
                run("`pip install moto[server]==" + version + "` failed", List.of(
                        staging.resolve("bin").resolve("python").toString(),
                        "-m", "pip", "install", "--disable-pip-version-check", "moto[server]==" + version));
                publish(staging, venv);
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new EmulatorUnavailableException("moto could not be installed: " + e + ". " + REMEDY, e);
        }
        return venv;
    }

    private static boolean isComplete(Path venv) {
        return Files.isRegularFile(venv.resolve("bin").resolve("moto_server"))
                && Files.exists(venv.resolve("bin").resolve("python"));
    }

    private void run(String whatFailed, List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new EmulatorUnavailableException(
                    "moto could not be installed: " + command.getFirst() + " could not be run (" + e.getMessage() + "). " + REMEDY, e);
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw failed(whatFailed + " (no result within " + COMMAND_TIMEOUT.toMinutes() + " min)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new EmulatorUnavailableException("moto could not be installed: interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw failed(whatFailed + " with exit code " + process.exitValue());
        }
    }

    private EmulatorUnavailableException failed(String problem) {
        return new EmulatorUnavailableException("moto could not be installed: " + problem
                + "; last lines of " + log.toAbsolutePath() + ":\n" + LogTail.of(log) + "\n" + REMEDY);
    }

    private static void publish(Path staging, Path venv) {
        try {
            Files.move(staging, venv, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another JVM (a parallel module build) may have finished the same install first.
            if (!isComplete(venv)) {
                throw new EmulatorUnavailableException("moto could not be installed: " + staging + " could not be renamed to "
                        + venv + " (" + e + "). Remove " + venv + " and try again, or set AWS_ENDPOINT_URL.", e);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // Best effort: whatever stays behind keeps its .partial- name and is never used.
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
