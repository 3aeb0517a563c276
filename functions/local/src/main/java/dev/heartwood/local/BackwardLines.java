package dev.heartwood.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The complete lines of a file, last first, read in blocks from the end: reading the newest lines
 * of a long file costs the same as reading them from a short one. Bytes after the last newline are
 * a line still being written, or one torn by a crash, and are never returned.
 */
final class BackwardLines {

    static final int BLOCK_SIZE = 16 * 1024;

    private final FileChannel channel;
    /** File bytes [windowStart, windowStart + window.length) held in memory. */
    private byte[] window = new byte[0];
    private long windowStart;
    /** Where the lines not yet returned end: just after a newline, or 0 when none are left. */
    private long unreadEnd;
    private long bytesRead;

    /** Reads {@code channel} backwards from {@code end}, a size taken once so that concurrent appends stay out of view. */
    BackwardLines(FileChannel channel, long end) throws IOException {
        this.channel = channel;
        this.windowStart = end;
        long lastNewline = newlineBefore(end);
        this.unreadEnd = lastNewline < 0 ? 0 : lastNewline + 1;
    }

    /** Whether the file ended with a torn line, i.e. bytes after the last newline. */
    boolean endsTorn(long end) {
        return unreadEnd < end;
    }

    /** The previous complete line without its newline, or null at the start of the file. */
    byte[] previous() throws IOException {
        if (unreadEnd == 0) {
            return null;
        }
        long lineEnd = unreadEnd - 1;
        long newline = newlineBefore(lineEnd);
        long lineStart = newline + 1;
        byte[] line = Arrays.copyOfRange(window, (int) (lineStart - windowStart), (int) (lineEnd - windowStart));
        unreadEnd = lineStart;
        return line;
    }

    /** Bytes read from the file so far: what the tests hold against the history's length. */
    long bytesRead() {
        return bytesRead;
    }

    /** The offset of the last newline before {@code end}, or -1; loads earlier blocks as needed. */
    private long newlineBefore(long end) throws IOException {
        long at = end - 1;
        while (at >= 0) {
            if (at < windowStart) {
                loadBlockBefore(end);
            }
            if (window[(int) (at - windowStart)] == '\n') {
                return at;
            }
            at--;
        }
        return -1;
    }

    /** Prepends one block to the window, keeping only the bytes below {@code keepUntil} that a line may still need. */
    private void loadBlockBefore(long keepUntil) throws IOException {
        long start = Math.max(0, windowStart - BLOCK_SIZE);
        ByteBuffer block = ByteBuffer.allocate((int) (windowStart - start));
        while (block.hasRemaining()) {
            if (channel.read(block, start + block.position()) < 0) {
                throw new IOException("file shrank while being read at offset " + (start + block.position()));
            }
        }
        bytesRead += block.capacity();
        int kept = (int) (Math.min(keepUntil, windowStart + window.length) - windowStart);
        byte[] grown = new byte[block.capacity() + kept];
        System.arraycopy(block.array(), 0, grown, 0, block.capacity());
        System.arraycopy(window, 0, grown, block.capacity(), kept);
        window = grown;
        windowStart = start;
    }
}
