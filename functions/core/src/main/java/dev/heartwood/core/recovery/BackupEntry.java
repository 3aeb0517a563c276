package dev.heartwood.core.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a backup: a path relative to the backup's root ({@code memory/SOUL.md},
 * {@code chat/rows.jsonl}, {@code identity/keylog.json}) and its bytes.
 *
 * <p>The path is checked here, so no entry can be absolute, climb out of the root, or name
 * something a file system or an S3 key would read differently: parts of letters, digits,
 * {@code .}, {@code _} and {@code -}, each starting with a letter or digit, joined by {@code /}.
 * {@code toString} shows the path and size, never the content, which is memory.
 */
public record BackupEntry(String path, byte[] content) {

    /** The most a ustar header holds: a 155-byte prefix, '/', and a 100-byte name. */
    static final int MAX_PATH = 255;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public BackupEntry {
        String why = problem(path);
        if (why != null) {
            throw new IllegalArgumentException("backup entry path " + shown(path) + " is not allowed: " + why);
        }
        Objects.requireNonNull(content, "content of backup entry " + path);
        content = content.clone();
    }

    public static BackupEntry of(String path, byte[] content) {
        return new BackupEntry(path, content);
    }

    public static BackupEntry of(String path, String text) {
        return new BackupEntry(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    /** The lowercase hex SHA-256 of the content. */
    public String sha256() {
        return Sha256.hex(content);
    }

    /** Why the path is not a safe relative entry path, or null if it is. */
    static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "it is empty (expected e.g. memory/SOUL.md)";
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            return "it is absolute; entries are relative to the backup root";
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
            return "longer than " + MAX_PATH + " bytes";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "'..' would escape the backup root";
            }
            if (segment.equals(".") || segment.isEmpty()) {
                return "it has an empty or '.' part; write each path one way only";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "each part must be letters, digits, '.', '_' or '-', starting with a letter or digit";
            }
        }
        if (Ustar.split(path) == null) {
            return "it cannot be split into a ustar prefix (155 bytes) and name (100 bytes) at a '/'";
        }
        return null;
    }

    /** The path as it may appear in a message: quoted, shortened, control characters replaced. */
    static String shown(String path) {
        if (path == null) {
            return "(none)";
        }
        String cut = path.length() > 80 ? path.substring(0, 80) + "…" : path;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackupEntry that && path.equals(that.path) && MessageDigest.isEqual(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "BackupEntry[" + path + ", " + content.length + " bytes]";
    }
}
