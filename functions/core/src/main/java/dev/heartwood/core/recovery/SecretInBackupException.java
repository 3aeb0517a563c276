package dev.heartwood.core.recovery;

import dev.heartwood.core.memory.redaction.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The redactor found a secret in what was about to be backed up, so no backup was made: secrets
 * are kept out of memory on the way in, and one that got through must not be copied to every
 * backup after it. Names each entry path and secret type, with lines, never the secret.
 */
public final class SecretInBackupException extends BackupException {

    private final Map<String, List<Finding>> findings;

    SecretInBackupException(Map<String, List<Finding>> findings) {
        super(message(findings));
        this.findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    /** Per entry path (or {@code source} for the metadata), in entry order, what was found there. */
    public Map<String, List<Finding>> findings() {
        return findings;
    }

    private static String message(Map<String, List<Finding>> findings) {
        return "backup refused: the redactor found secrets in " + findings.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue().stream()
                        .map(f -> f.type().label() + " ×" + f.count() + " on line" + (f.lines().size() == 1 ? " " : "s ")
                                + f.lines().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; ")) + ")")
                .collect(Collectors.joining(", "))
                + "; remove them from the store (they should never have been written) and back up again";
    }
}
