package dev.heartwood.core.recovery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a manifest says about one entry: its path, size and SHA-256. Never its content.
 *
 * @param sha256 64 lowercase hex digits
 */
public record ManifestEntry(String path, long size, String sha256) {

    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ManifestEntry {
        String why = BackupEntry.problem(path);
        if (why != null) {
            throw new IllegalArgumentException("manifest entry path " + BackupEntry.shown(path) + " is not allowed: " + why);
        }
        if (size < 0 || size > Ustar.MAX_OCTAL_11) {
            throw new IllegalArgumentException("manifest entry " + path + ": size " + size + " is out of range (0 to "
                    + Ustar.MAX_OCTAL_11 + ")");
        }
        Objects.requireNonNull(sha256, "sha256 of manifest entry " + path);
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("manifest entry " + path + ": sha256 is not 64 lowercase hex digits");
        }
    }

    /** The manifest line of an entry. */
    public static ManifestEntry of(BackupEntry entry) {
        return new ManifestEntry(entry.path(), entry.size(), entry.sha256());
    }
}
