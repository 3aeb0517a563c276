package dev.heartwood.core.recovery;

import dev.heartwood.core.memory.redaction.Finding;
import dev.heartwood.core.memory.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last line of defence before encryption: every entry, and the metadata's source, goes
 * through the redactor's detectors. Stores redact on the way in, so a finding here means a
 * secret got past them, and the backup fails loudly rather than preserving it.
 */
final class SecretScan {

    /** What the findings map calls the metadata's free-text source. */
    static final String SOURCE = "source";

    private SecretScan() {
    }

    /** @throws SecretInBackupException naming every entry path and secret type found */
    static void check(List<BackupEntry> entries, String source, Redactor redactor) {
        Map<String, List<Finding>> found = new LinkedHashMap<>();
        scan(SOURCE, source, redactor, found);
        for (BackupEntry entry : entries) {
            // Malformed UTF-8 decodes to U+FFFD: the ASCII shapes detectors look for survive it.
            scan(entry.path(), new String(entry.content(), StandardCharsets.UTF_8), redactor, found);
        }
        if (!found.isEmpty()) {
            throw new SecretInBackupException(found);
        }
    }

    private static void scan(String name, String text, Redactor redactor, Map<String, List<Finding>> found) {
        List<Finding> findings = redactor.redact(text).findings();
        if (!findings.isEmpty()) {
            found.put(name, findings);
        }
    }
}
