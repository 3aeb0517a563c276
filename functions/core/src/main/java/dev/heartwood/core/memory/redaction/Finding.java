package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.Objects;

/**
 * How many secrets of one type were redacted and where: never the secret itself, so a finding can
 * be logged as it is.
 *
 * @param count the number of secrets of this type
 * @param lines the distinct 1-based lines of the original text on which they started, ascending
 */
public record Finding(SecretType type, int count, List<Integer> lines) {

    public Finding {
        Objects.requireNonNull(type, "type");
        if (count < 1) {
            throw new IllegalArgumentException("finding count must be at least 1, got " + count);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty() || lines.size() > count) {
            throw new IllegalArgumentException("finding lines must name 1 to " + count + " lines, got " + lines.size());
        }
    }
}
