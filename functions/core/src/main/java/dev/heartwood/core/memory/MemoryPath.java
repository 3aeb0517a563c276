package dev.heartwood.core.memory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A memory file's name relative to the agent's folder: {@code SOUL.md}, {@code memory/2026-11-22.md}.
 * Validated on construction so that no name can climb out of the agent's folder, point at an
 * absolute path, or be anything but markdown; it is used as an S3 key suffix and a file path alike.
 */
public record MemoryPath(String value) implements Comparable<MemoryPath> {

    // Before the constants below: they are built with these, in declaration order.
    static final int MAX_LENGTH = 200;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DAILY = Pattern.compile("memory/(\\d{4}-\\d{2}-\\d{2})\\.md");

    public static final MemoryPath SOUL = new MemoryPath("SOUL.md");
    public static final MemoryPath USER = new MemoryPath("USER.md");
    public static final MemoryPath TOOLS = new MemoryPath("TOOLS.md");
    public static final MemoryPath AGENTS = new MemoryPath("AGENTS.md");
    public static final MemoryPath IDENTITY = new MemoryPath("IDENTITY.md");
    public static final MemoryPath MEMORY = new MemoryPath("MEMORY.md");
    public static final MemoryPath HEARTBEAT = new MemoryPath("HEARTBEAT.md");
    /** The rolling summary of chat that has left the window. */
    public static final MemoryPath CHAT_SUMMARY = new MemoryPath("memory/chat-summary.md");
    /** The files that say who the agent is and how it works, in the order a context presents them. */
    public static final List<MemoryPath> IDENTITY_FILES = List.of(SOUL, IDENTITY, USER, AGENTS, TOOLS);

    public MemoryPath {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("memory file name is empty: expected e.g. MEMORY.md or memory/2026-11-22.md");
        }
        String why = problem(value);
        if (why != null) {
            throw new IllegalArgumentException("memory file name '" + printable(value) + "' is not allowed: " + why);
        }
    }

    public static MemoryPath of(String value) {
        return new MemoryPath(value);
    }

    /** The daily log of one day: {@code memory/YYYY-MM-DD.md}. */
    public static MemoryPath dailyLog(LocalDate day) {
        return new MemoryPath("memory/" + day + ".md");
    }

    /** The day, if this is a daily log. */
    public Optional<LocalDate> day() {
        var matcher = DAILY.matcher(value);
        return matcher.matches() ? Optional.of(LocalDate.parse(matcher.group(1))) : Optional.empty();
    }

    private static String problem(String value) {
        if (value.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (value.startsWith("/") || value.startsWith("\\") || value.matches("^[A-Za-z]:.*")) {
            return "absolute paths are not allowed; give it relative to the agent's folder";
        }
        if (!value.endsWith(".md")) {
            return "only markdown files (.md) are memory";
        }
        String[] segments = value.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".")) {
                return "'" + segment + "' would leave the agent's folder";
            }
        }
        if (segments.length > 3) {
            return "at most two folders deep";
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return "each part must be letters, digits, '.', '_' or '-', starting with a letter or digit";
            }
        }
        return null;
    }

    private static String printable(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public int compareTo(MemoryPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
