package dev.heartwood.core.memory.redaction;

import java.util.Locale;
import java.util.Objects;

/**
 * The one line that stands in memory for a tool's or an API's result. Results are never stored
 * verbatim: they are large, often hold credentials or personal data the agent did not choose to
 * keep, and are re-fetchable; the note keeps what the agent needs to remember that the call
 * happened and roughly what came back.
 */
public final class ToolResultNote {

    /** The longest first-line excerpt, in characters, ellipsis included. */
    public static final int EXCERPT_LENGTH = 80;

    private ToolResultNote() {
    }

    /**
     * E.g. {@code tool http.get returned 1,234 chars (3 lines): first line "HTTP/1.1 200 OK"}, the
     * excerpt redacted by {@link Redactor#standard()}.
     */
    public static String summarize(String toolName, String result) {
        return summarize(toolName, result, Redactor.standard());
    }

    /** As {@link #summarize(String, String)}, redacting with {@code redactor} (one that knows the agent's canaries). */
    public static String summarize(String toolName, String result, Redactor redactor) {
        if (toolName == null || toolName.isBlank()) {
            throw new IllegalArgumentException("tool name is empty: expected the tool's name, e.g. http.get");
        }
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(redactor, "redactor");
        String tool = oneLine(toolName.strip());
        if (result.isEmpty()) {
            return "tool " + tool + " returned nothing";
        }
        long lines = result.lines().count();
        String size = String.format(Locale.ROOT, "tool %s returned %,d chars (%,d %s)", tool,
                result.codePointCount(0, result.length()), lines, lines == 1 ? "line" : "lines");
        // The whole result is redacted before the first line is taken and cut: a PEM block spans
        // lines, and a token cut at 80 characters would no longer match and would leak its first half.
        String firstLine = redactor.redact(result).text().lines().map(String::strip).filter(line -> !line.isEmpty())
                .findFirst().orElse(null);
        if (firstLine == null) {
            return size + ", all blank";
        }
        return size + ": first line \"" + excerpt(oneLine(firstLine)) + "\"";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static String excerpt(String line) {
        if (line.codePointCount(0, line.length()) <= EXCERPT_LENGTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, EXCERPT_LENGTH - 1)) + "…";
    }
}
