package dev.heartwood.testkit;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** An emulator running as a child process, its output in a log file rather than the test's. */
final class EmulatorProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;

    private EmulatorProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static EmulatorProcess start(String name, List<String> command, Path log) {
        try {
            Path directory = Files.createDirectories(log.toAbsolutePath().getParent());
            // Run beside the log: DynamoDB Local drops a metadata file into its working directory.
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
            return new EmulatorProcess(name, process, log);
        } catch (IOException e) {
            throw new EmulatorUnavailableException(name + " could not be started: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code probe} gets any HTTP response: a server that answers at all is up, whatever
     * it thinks of the request.
     */
    void awaitAnswer(HttpRequest probe, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                if (!process.isAlive()) {
                    throw failure(name + " exited with code " + process.exitValue() + " before it answered");
                }
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notListeningYet) {
                    if (Instant.now().isAfter(deadline)) {
                        close();
                        throw failure(name + " did not answer " + probe.uri() + " within " + timeout.toSeconds() + " s");
                    }
                    Thread.sleep(POLL_INTERVAL);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new EmulatorUnavailableException("interrupted while waiting for " + name + " to start", e);
        }
    }

    private EmulatorUnavailableException failure(String problem) {
        return new EmulatorUnavailableException(problem + "; last lines of " + log.toAbsolutePath() + ":\n" + LogTail.of(log));
    }

    ProcessHandle toHandle() {
        return process.toHandle();
    }

    /** Stops the process and everything it started, politely first. */
    @Override
    public void close() {
        // Listed before anything is stopped: an orphaned grandchild is no longer a descendant.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ProcessHandle handle : tree) {
            try {
                long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(remaining, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }
}
