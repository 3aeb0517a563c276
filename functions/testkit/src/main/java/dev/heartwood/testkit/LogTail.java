package dev.heartwood.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of a child process's log, to put the real cause into a failure message. */
final class LogTail {

    static final int LINES = 25;

    private LogTail() {}

    static String of(Path log) {
        try {
            // Decoding leniently: a half-written multi-byte character must not hide the rest.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LINES), lines.size()).stream()
                    .map(line -> "    " + line)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "    (" + log + " could not be read: " + e.getMessage() + ")";
        }
    }
}
