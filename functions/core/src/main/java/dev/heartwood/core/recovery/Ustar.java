package dev.heartwood.core.recovery;

import java.nio.charset.StandardCharsets;

/**
 * The POSIX ustar header layout (IEEE Std 1003.1, "pax" chapter, ustar interchange format) that
 * {@link UstarWriter} writes and {@link UstarReader} reads: 512-byte blocks, octal numbers,
 * a name of up to 100 bytes with an optional 155-byte prefix, and two zero blocks at the end.
 */
final class Ustar {

    static final int BLOCK = 512;
    static final int NAME = 0;
    static final int NAME_LENGTH = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int SIZE = 124;
    static final int MTIME = 136;
    static final int CHECKSUM = 148;
    static final int CHECKSUM_LENGTH = 8;
    static final int TYPE = 156;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int DEV_MAJOR = 329;
    static final int DEV_MINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LENGTH = 155;
    static final byte[] MAGIC_VALUE = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] VERSION_VALUE = "00".getBytes(StandardCharsets.US_ASCII);
    static final byte REGULAR = '0';
    /** Pre-POSIX archivers wrote regular files with a NUL type. */
    static final byte REGULAR_OLD = 0;
    /** The largest size or time that fits the 11 octal digits of a 12-byte field. */
    static final long MAX_OCTAL_11 = 077777777777L;

    private Ustar() {
    }

    /**
     * Splits a path into ustar's prefix and name, as {@code {prefix, name}} with an empty prefix if
     * the whole path fits the name field; null if no '/' splits it into parts that fit.
     */
    static String[] split(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= NAME_LENGTH) {
            return new String[] {"", path};
        }
        // The longest prefix that fits leaves the shortest name; any later '/' is no better.
        for (int slash = Math.min(path.length() - 1, PREFIX_LENGTH); slash > 0; slash--) {
            if (path.charAt(slash) == '/') {
                String prefix = path.substring(0, slash);
                String name = path.substring(slash + 1);
                if (prefix.getBytes(StandardCharsets.UTF_8).length <= PREFIX_LENGTH
                        && name.getBytes(StandardCharsets.UTF_8).length <= NAME_LENGTH && !name.isEmpty()) {
                    return new String[] {prefix, name};
                }
                return null;
            }
        }
        return null;
    }

    /** The header checksum: the sum of all 512 bytes as unsigned values, the checksum field counted as spaces. */
    static long checksum(byte[] block, int offset) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LENGTH;
            sum += inField ? ' ' : block[offset + i] & 0xff;
        }
        return sum;
    }

    static boolean isZero(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }
}
