package dev.heartwood.core.recovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes entries as a POSIX ustar archive that GNU and BSD tar read. The output depends only on
 * the entries and the time: sorted by path, every file mode 0600, owner 0:0 with no user or group
 * names, the modification time the backup's, and no record padding beyond the two end blocks.
 */
final class UstarWriter {

    private static final int MODE_0600 = 0600;

    private UstarWriter() {
    }

    /** The archive; the caller clears it once encrypted. */
    static byte[] write(List<BackupEntry> entries, Instant modified) {
        long mtime = modified.getEpochSecond();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BackupEntry entry : entries.stream().sorted(Comparator.comparing(BackupEntry::path)).toList()) {
            byte[] content = entry.content();
            out.writeBytes(header(entry.path(), content.length, mtime));
            out.writeBytes(content);
            out.writeBytes(new byte[(int) (Ustar.padded(content.length) - content.length)]);
        }
        out.writeBytes(new byte[2 * Ustar.BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String path, long size, long mtime) {
        String[] parts = Ustar.split(path);
        if (parts == null) {
            throw new IllegalStateException("entry path " + path + " was checked to fit a ustar header");
        }
        byte[] block = new byte[Ustar.BLOCK];
        text(block, Ustar.NAME, parts[1]);
        octal(block, Ustar.MODE, 8, MODE_0600);
        octal(block, Ustar.UID, 8, 0);
        octal(block, Ustar.GID, 8, 0);
        octal(block, Ustar.SIZE, 12, size);
        octal(block, Ustar.MTIME, 12, mtime);
        block[Ustar.TYPE] = Ustar.REGULAR;
        System.arraycopy(Ustar.MAGIC_VALUE, 0, block, Ustar.MAGIC, Ustar.MAGIC_VALUE.length);
        System.arraycopy(Ustar.VERSION_VALUE, 0, block, Ustar.VERSION, Ustar.VERSION_VALUE.length);
        octal(block, Ustar.DEV_MAJOR, 8, 0);
        octal(block, Ustar.DEV_MINOR, 8, 0);
        text(block, Ustar.PREFIX, parts[0]);
        // Six digits, NUL, space: the form POSIX and GNU tar write.
        byte[] checksum = String.format("%06o\0 ", Ustar.checksum(block, 0)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, block, Ustar.CHECKSUM, Ustar.CHECKSUM_LENGTH);
        return block;
    }

    private static void text(byte[] block, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }

    /** {@code length - 1} zero-padded octal digits and a NUL. */
    private static void octal(byte[] block, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a " + length + "-byte ustar field");
        }
        text(block, offset, "0".repeat(length - 1 - digits.length()) + digits);
    }
}
