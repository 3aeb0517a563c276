package dev.heartwood.core.recovery;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a manifest says about its archive: the file name and the size and SHA-256 of the
 * encrypted bytes, so a wrong, cut or altered archive is refused before it is decrypted.
 *
 * @param sha256 64 lowercase hex digits
 */
public record ArchiveDigest(String name, long size, String sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    public ArchiveDigest {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("archive name " + BackupEntry.shown(name) + " is not valid: expected a"
                    + " file name of letters, digits, '.', '_' or '-' such as agent-7f3a-hot-20261122T090000Z.tar.age");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("archive size must be positive, got " + size);
        }
        Objects.requireNonNull(sha256, "archive sha256");
        if (!ManifestEntry.SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("archive sha256 is not 64 lowercase hex digits");
        }
    }

    static ArchiveDigest of(String name, byte[] archive) {
        return new ArchiveDigest(name, archive.length, Sha256.hex(archive));
    }
}
