package dev.heartwood.core.heartbeat;

import java.util.regex.Pattern;

/** Names one task of HEARTBEAT.md; stable across edits of its wording, it keys the journal and message ids. */
public record TaskId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public TaskId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("task id '" + value + "' is not valid: expected 1-64 lowercase letters,"
                    + " digits or hyphens");
        }
    }

    public static TaskId of(String value) {
        return new TaskId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
