package dev.heartwood.core.memory;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A chat row's sort key: an ISO-8601 UTC instant with fixed millisecond precision, {@code #}, and a
 * unique suffix, e.g. {@code 2026-11-22T09:15:00.123Z#k3x9a0qz}. Fixed precision makes the string
 * order the time order; the suffix keeps two rows of the same millisecond apart.
 */
public record RowId(String value) implements Comparable<RowId> {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#[a-z0-9]{6,32}");

    public RowId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("chat row id '" + value + "' is not valid: expected e.g. 2026-11-22T09:15:00.123Z#k3x9a0qz");
        }
    }

    public static RowId of(Instant at, String suffix) {
        return new RowId(MILLIS.format(at) + "#" + suffix);
    }

    public static RowId parse(String value) {
        return new RowId(value);
    }

    public Instant instant() {
        return Instant.parse(value.substring(0, value.indexOf('#')));
    }

    @Override
    public int compareTo(RowId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
