package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A text with its secrets replaced by placeholders, and what was replaced.
 *
 * @param text the cleaned text, safe to store
 * @param findings one entry per secret type found, in {@link SecretType} order; empty if the text was clean
 */
public record Redaction(String text, List<Finding> findings) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }

    public boolean isClean() {
        return findings.isEmpty();
    }

    /** How many secrets were redacted, over all types. */
    public int count() {
        return findings.stream().mapToInt(Finding::count).sum();
    }

    /** One line for a log, e.g. {@code 2 secrets redacted: aws-access-key ×1, jwt ×1}; names types, never values. */
    public String summary() {
        return summary(findings);
    }

    static String summary(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "no secrets redacted";
        }
        int total = findings.stream().mapToInt(Finding::count).sum();
        return total + (total == 1 ? " secret" : " secrets") + " redacted: " + findings.stream()
                .map(finding -> finding.type().label() + " ×" + finding.count())
                .collect(Collectors.joining(", "));
    }

    /** The summary only: the text may be memory content, which never goes into a log line by accident. */
    @Override
    public String toString() {
        return "Redaction[" + summary() + "]";
    }
}
