package dev.heartwood.core.identity.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference {@code age} and {@code age-keygen} tools. Compatibility with them is the
 * point of the export format, so a missing tool fails the test rather than skipping it.
 */
final class ReferenceAge {

    private ReferenceAge() {
    }

    /** Writes a new identity file, comments and all, as a person would get it. */
    static Path keygen(Path dir, String name) {
        Path file = dir.resolve(name + ".txt");
        run("age-keygen", "-o", file.toString());
        return file;
    }

    static String recipientOf(Path identityFile) {
        return new String(run("age-keygen", "-y", identityFile.toString()), StandardCharsets.US_ASCII).strip();
    }

    static String identityText(Path identityFile) {
        try {
            return Files.readString(identityFile);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + identityFile, e);
        }
    }

    static byte[] decrypt(Path identityFile, Path encrypted) {
        return run("age", "-d", "-i", identityFile.toString(), encrypted.toString());
    }

    static void encrypt(String recipient, Path plaintext, Path out, boolean armor) {
        List<String> command = new ArrayList<>(List.of("age", "-r", recipient, "-o", out.toString()));
        if (armor) {
            command.add("-a");
        }
        command.add(plaintext.toString());
        run(command.toArray(String[]::new));
    }

    private static byte[] run(String... command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("install age (apt-get install age): cannot run " + command[0], e);
        }
        try {
            // Small outputs only, so reading stdout then stderr cannot deadlock on a full pipe.
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": " + err);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("reading the output of " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
