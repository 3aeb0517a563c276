package dev.heartwood.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One holder at a time of a lock file, across threads and processes. An OS file lock alone is not
 * enough: it is held on behalf of the whole JVM, so a second thread asking for it gets an
 * OverlappingFileLockException instead of waiting. Threads therefore queue on a lock per path
 * first, and only the thread at the front takes the OS lock.
 */
final class LockFile {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    interface Action<T> {
        T run() throws IOException;
    }

    private LockFile() {
    }

    static <T> T holding(Path lockFile, Action<T> action) throws IOException {
        Path path = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(path, p -> new ReentrantLock());
        local.lock();
        try {
            AtomicFiles.createPrivateDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } finally {
            local.unlock();
        }
    }
}
