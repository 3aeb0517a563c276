package dev.heartwood.core.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference tools the backup format must agree with: {@code age}, {@code age-keygen},
 * GNU {@code tar}, {@code openssl} and {@code jq}. A missing tool fails the test rather than
 * skipping it, because agreeing with them is the point of the format.
 */
final class ReferenceTools {

    record Output(byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private ReferenceTools() {
    }

    /** A new age identity file as {@code age-keygen} writes it. */
    static Path ageKeygen(Path dir, String name) {
        Path file = dir.resolve(name + ".txt");
        run(dir, "age-keygen", "-o", file.toString());
        return file;
    }

    static String ageRecipientOf(Path identityFile) {
        return run(identityFile.getParent(), "age-keygen", "-y", identityFile.toString()).text().strip();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    static Output run(Path dir, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // tar -tv prints times in the local zone; UTC keeps the expected listing fixed.
        builder.environment().put("TZ", "UTC");
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("install " + command[0] + " (apt-get install age tar openssl jq): cannot run it", e);
        }
        // Both streams drained at once, so a large archive on stdout cannot block on a full stderr pipe.
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        byte[] out = drain(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": " + stderr);
            }
            return new Output(out, stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] drain(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("reading a tool's output", e);
        }
    }
}
