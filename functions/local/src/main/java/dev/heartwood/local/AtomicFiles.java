package dev.heartwood.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that survive a crash at any instant: the bytes go to a private temporary file in the
 * same directory, are forced to disk, and then replace the target with one atomic rename. A
 * reader sees the old file or the new one, never half of either.
 */
final class AtomicFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes}, mode 0600. */
    static void write(Path target, byte[] bytes) throws IOException {
        createPrivateDirectories(target.getParent());
        Path temp = POSIX
                ? Files.createTempFile(target.getParent(), ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                : Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            move(temp, target);
            syncDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code target} with {@code bytes} only if it does not exist yet; returns false if it did. */
    static boolean createNew(Path target, byte[] bytes) throws IOException {
        createPrivateDirectories(target.getParent());
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(target,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        }
        syncDirectory(target.getParent());
        return true;
    }

    /**
     * Like {@link #createNew}, but a reader (or a crash) never sees {@code target} half-written: the
     * bytes are forced in a temporary file first, which is then hard-linked into place, and link(2)
     * fails rather than replace an existing file. Returns false if {@code target} existed.
     */
    static boolean createNewWhole(Path target, byte[] bytes) throws IOException {
        createPrivateDirectories(target.getParent());
        Path temp = POSIX
                ? Files.createTempFile(target.getParent(), ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                : Files.createTempFile(target.getParent(), ".tmp-", ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.createLink(target, temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                // No hard links here (FAT, some network shares): a plain move refuses an existing
                // target too, only by a check just before the rename rather than in one step.
                try {
                    Files.move(temp, target);
                } catch (java.nio.file.FileAlreadyExistsException exists) {
                    return false;
                }
            }
            syncDirectory(target.getParent());
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes a directory and everything in it; a no-op if it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createPrivateDirectories(dir.getParent());
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another writer made it first: fine, it is a directory or the next write says otherwise
        }
    }

    /** A rename is durable only once its directory entry is on disk. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the data itself is already forced.
        }
    }
}
