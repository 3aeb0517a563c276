package dev.heartwood.core.recovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a POSIX ustar archive strictly: every header's checksum must hold, every entry must be
 * a regular file with a safe relative path that occurs once, every declared byte must be
 * present, and the archive must end with two zero blocks followed by nothing but zeros. What
 * GNU tar writes with {@code --format=ustar} passes; GNU, pax and v7 extensions do not.
 */
final class UstarReader {

    private static final Map<Byte, String> TYPES = Map.of(
            (byte) '1', "a hard link", (byte) '2', "a symbolic link", (byte) '3', "a character device",
            (byte) '4', "a block device", (byte) '5', "a directory", (byte) '6', "a FIFO",
            (byte) 'x', "a pax extended header", (byte) 'g', "a pax global header",
            (byte) 'L', "a GNU long name", (byte) 'K', "a GNU long link name");

    private UstarReader() {
    }

    /** @throws ArchiveFormatException naming the block or entry and what is wrong with it */
    static List<BackupEntry> read(byte[] tar) {
        if (tar.length % Ustar.BLOCK != 0) {
            throw new ArchiveFormatException("truncated tar: " + tar.length + " bytes is not a whole number of "
                    + Ustar.BLOCK + "-byte blocks");
        }
        List<BackupEntry> entries = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        int at = 0;
        while (true) {
            if (at + Ustar.BLOCK > tar.length) {
                throw new ArchiveFormatException("truncated tar: it ends after " + entries.size()
                        + " entries without the two zero blocks that end an archive");
            }
            if (Ustar.isZero(tar, at, Ustar.BLOCK)) {
                end(tar, at);
                return List.copyOf(entries);
            }
            long block = at / Ustar.BLOCK;
            String path = header(tar, at, block);
            long size = octal(tar, at + Ustar.SIZE, 12, "size", block);
            int contentStart = at + Ustar.BLOCK;
            if (size > tar.length - contentStart) {
                throw new ArchiveFormatException("truncated tar: entry " + BackupEntry.shown(path) + " declares " + size
                        + " bytes but only " + (tar.length - contentStart) + " follow");
            }
            if (!paths.add(path)) {
                throw new ArchiveFormatException("duplicate entry " + BackupEntry.shown(path) + " at block " + block);
            }
            entries.add(new BackupEntry(path, Arrays.copyOfRange(tar, contentStart, contentStart + (int) size)));
            at = contentStart + (int) Ustar.padded(size);
        }
    }

    /** Checks one header block and returns its entry's path. */
    private static String header(byte[] tar, int at, long block) {
        if (!Arrays.equals(tar, at + Ustar.MAGIC, at + Ustar.MAGIC + Ustar.MAGIC_VALUE.length,
                Ustar.MAGIC_VALUE, 0, Ustar.MAGIC_VALUE.length)
                || !Arrays.equals(tar, at + Ustar.VERSION, at + Ustar.VERSION + 2, Ustar.VERSION_VALUE, 0, 2)) {
            throw new ArchiveFormatException("block " + block + " is not a POSIX ustar header (magic 'ustar', version"
                    + " '00'); GNU and v7 tar formats are not accepted");
        }
        long expected = octal(tar, at + Ustar.CHECKSUM, Ustar.CHECKSUM_LENGTH, "checksum", block);
        long actual = Ustar.checksum(tar, at);
        if (expected != actual) {
            throw new ArchiveFormatException("header checksum mismatch at block " + block + ": it says " + expected
                    + ", the header sums to " + actual + " (corrupt header)");
        }
        String name = text(tar, at + Ustar.NAME, Ustar.NAME_LENGTH);
        String prefix = text(tar, at + Ustar.PREFIX, Ustar.PREFIX_LENGTH);
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        byte type = tar[at + Ustar.TYPE];
        if (type != Ustar.REGULAR && type != Ustar.REGULAR_OLD) {
            String what = TYPES.getOrDefault(type, "of type '" + (char) (type & 0xff) + "'");
            throw new ArchiveFormatException("entry " + BackupEntry.shown(path) + " at block " + block + " is " + what
                    + ": only regular files are allowed");
        }
        String why = BackupEntry.problem(path);
        if (why != null) {
            throw new ArchiveFormatException("entry path " + BackupEntry.shown(path) + " at block " + block
                    + " is not allowed: " + why);
        }
        return path;
    }

    /** After the first zero block: a second one, then only zeros (tar pads its last record). */
    private static void end(byte[] tar, int at) {
        int second = at + Ustar.BLOCK;
        if (second + Ustar.BLOCK > tar.length) {
            throw new ArchiveFormatException("truncated tar: only one of the two zero blocks that end an archive");
        }
        if (!Ustar.isZero(tar, second, Ustar.BLOCK)) {
            throw new ArchiveFormatException("block " + (second / Ustar.BLOCK) + " follows a zero block but is not zero"
                    + " (a damaged end of archive)");
        }
        int after = second + Ustar.BLOCK;
        if (!Ustar.isZero(tar, after, tar.length - after)) {
            throw new ArchiveFormatException("data after the end-of-archive blocks, from block " + (after / Ustar.BLOCK));
        }
    }

    /** The NUL-terminated (or field-filling) text of a field. */
    private static String text(byte[] tar, int offset, int length) {
        int end = offset;
        while (end < offset + length && tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Octal digits, optionally led by spaces, the rest of the field NULs or spaces, as POSIX allows. */
    private static long octal(byte[] tar, int offset, int length, String field, long block) {
        int i = offset;
        int end = offset + length;
        while (i < end && tar[i] == ' ') {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end && tar[i] >= '0' && tar[i] <= '7') {
            value = value * 8 + (tar[i] - '0');
            digits++;
            i++;
        }
        boolean terminated = true;
        for (int rest = i; rest < end; rest++) {
            terminated &= tar[rest] == 0 || tar[rest] == ' ';
        }
        if (digits == 0 || digits > 11 || !terminated) {
            throw new ArchiveFormatException("block " + block + ": the " + field + " field is not an octal number");
        }
        return value;
    }
}
