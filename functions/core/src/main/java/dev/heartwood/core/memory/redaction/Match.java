package dev.heartwood.core.memory.redaction;

/** A span of the text, {@code [start, end)}, that a detector says holds a secret of {@code type}. */
record Match(int start, int end, SecretType type) {

    Match {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("match span [" + start + ", " + end + ") is empty or negative");
        }
    }
}
