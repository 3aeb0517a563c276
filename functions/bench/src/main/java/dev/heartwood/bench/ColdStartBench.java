package dev.heartwood.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fresh JVMs, each running one heartbeat ({@link ColdStartMain}): the real heartbeat and the plain
 * baseline, alternately, in three set-ups — a plain JVM (process start to first completed
 * heartbeat), SnapStart-style priming (a heartbeat of another agent before the restore point, then
 * the measured one from that point), and a JDK AOT cache trained on one run (JDK 25's
 * {@code -XX:AOTCacheOutput} / {@code -XX:AOTCache}, where the class path is all jars).
 */
final class ColdStartBench {

    /** One set-up: the real heartbeat's and the baseline's times, side by side. */
    record Row(String setup, Samples real, Samples plain) {

        double ratio() {
            return real.medianMillis() / plain.medianMillis();
        }
    }

    /** @param notes why a set-up was left out, if one was */
    record Result(List<Row> rows, List<String> notes) {
    }

    private static final long CHILD_TIMEOUT_SECONDS = 120;

    private final BenchInstallation installation;
    private final Path workDir;
    private final String classPath = System.getProperty("java.class.path");
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    ColdStartBench(BenchInstallation installation, Path workDir) {
        this.installation = installation;
        this.workDir = workDir;
    }

    Result run(int runs, boolean withAot) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.add(measure("fresh JVM: process start → first heartbeat done", runs, List.of(), false));
        rows.add(measure("SnapStart-style priming: restore point → heartbeat done", runs, List.of(), true));
        if (withAot) {
            Optional<String> unusable = aotUnusable();
            if (unusable.isPresent()) {
                notes.add("AOT cache: not measured, " + unusable.get());
            } else {
                Path realCache = train("real");
                Path plainCache = train("plain");
                rows.add(measure("AOT cache (-XX:AOTCache): process start → first heartbeat done", runs,
                        List.of("-XX:AOTCache=" + realCache), false, List.of("-XX:AOTCache=" + plainCache)));
            }
        }
        return new Result(rows, notes);
    }

    private Row measure(String setup, int runs, List<String> flags, boolean primed) {
        return measure(setup, runs, flags, primed, flags);
    }

    private Row measure(String setup, int runs, List<String> realFlags, boolean primed, List<String> plainFlags) {
        List<Long> real = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            real.add(child("real", realFlags, primed, null));
            plain.add(child("plain", plainFlags, primed, null));
        }
        return new Row(setup, Samples.of(real), Samples.of(plain));
    }

    /** Runs one child; returns nanoseconds from its start (or its restore point, when primed) to its heartbeat done. */
    private long child(String mode, List<String> flags, boolean primed, Path aotOutput) {
        String agent = installation.newAgent(BenchInstallation.DUE_TASK).value();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(flags);
        if (aotOutput != null) {
            command.add("-XX:AOTCacheOutput=" + aotOutput);
        }
        command.addAll(List.of("-cp", classPath, ColdStartMain.class.getName(), mode, agent));
        if (primed) {
            command.add(installation.newAgent(BenchInstallation.DUE_TASK).value());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(installation.childEnvironment());
        Path log = workDir.resolve("cold-start-" + mode + ".log");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            Long restored = null;
            Long done = null;
            String what = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String[] parts = line.split(" ", 3);
                    if (parts[0].equals("restored")) {
                        restored = Long.parseLong(parts[1]);
                    } else if (parts[0].equals("done")) {
                        done = Long.parseLong(parts[1]);
                        what = parts.length > 2 ? parts[2] : "";
                    }
                }
            }
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cold-start child (" + mode + ") did not finish in " + CHILD_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || done == null || !what.startsWith("done")) {
                throw new IllegalStateException("cold-start child (" + mode + ") exited " + process.exitValue() + " with '" + what
                        + "'; its stderr is in " + log);
            }
            return done - (primed ? restored : started);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a cold-start child: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a cold-start child", e);
        }
    }

    /** A training run that writes the AOT cache of one mode. */
    private Path train(String mode) {
        Path cache = workDir.resolve(mode + ".aot");
        child(mode, List.of(), false, cache);
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the AOT training run of " + mode + " wrote no cache at " + cache
                    + "; see " + workDir.resolve("cold-start-" + mode + ".log"));
        }
        return cache;
    }

    /** The JDK's AOT cache needs JDK 25+ and a class path of jars only (directories are refused). */
    private Optional<String> aotUnusable() {
        if (Runtime.version().feature() < 25) {
            return Optional.of("the JDK is " + Runtime.version().feature() + " (the AOT cache needs 25 or newer)");
        }
        boolean jarsOnly = Arrays.stream(classPath.split(File.pathSeparator)).allMatch(entry -> entry.endsWith(".jar"));
        return jarsOnly ? Optional.empty()
                : Optional.of("the class path holds directories (run the bench from the heartwood jar to measure it)");
    }
}
