package dev.heartwood.local;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The embedded default's memory: a folder laid out like the S3 bucket, each file's current content
 * at {@code memory/agents/{agent}/{path}} (mode 0600, folders 0700, replaced atomically), and every
 * version it has had under {@code memory/.history/{agent}/{path}/} (see {@link MemoryHistory}).
 *
 * <p>Each operation on a file holds that file's lock, an OS lock on its {@code .lock} so that two
 * processes cannot both pass the same {@code IfUnchanged}, and checks its condition against the
 * history inside it. The current file is replaced before its version is recorded; a crash between
 * the two leaves a file the next operation records, so no write is half-done for long.
 */
public final class FileMemoryStore implements MemoryStore {

    private static final System.Logger LOG = System.getLogger(FileMemoryStore.class.getName());
    private static final FileAttribute<?>[] PRIVATE_FILE =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_READ_WRITE)}
                    : new FileAttribute<?>[0];
    /**
     * An OS file lock keeps other processes out but not other threads of this JVM (they get an
     * OverlappingFileLockException), and two stores on one home must exclude each other too.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path root;

    public FileMemoryStore(LocalHome home) {
        this.root = home.store(StoreRole.MEMORY_BUCKET);
    }

    @Override
    public Optional<MemoryFile> read(AgentId agent, MemoryPath path) {
        MemoryHistory history = historyOf(agent, path);
        if (!history.anything()) {
            return Optional.empty();
        }
        return locked(agent, path, "read", history, () -> {
            MemoryHistory.State state = history.sync();
            if (!state.exists()) {
                return Optional.empty();
            }
            return Optional.of(new MemoryFile(path, decode(state.content(), current(agent, path)), state.latest().version(),
                    state.latest().attributes().lastModifiedTime().toInstant()));
        });
    }

    @Override
    public Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version) {
        try {
            Optional<MemoryHistory.Entry> entry = historyOf(agent, path).content(version);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Path file = entry.get().file();
            return Optional.of(new MemoryFile(path, decode(Files.readAllBytes(file), file), version,
                    entry.get().attributes().lastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw failure(agent, path, "read version " + version, e);
        }
    }

    @Override
    public Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
        Objects.requireNonNull(condition, "condition");
        byte[] bytes = encode(Objects.requireNonNull(content, "content"));
        MemoryHistory history = historyOf(agent, path);
        return locked(agent, path, "write", history, () -> {
            MemoryHistory.State state = history.sync();
            check(agent, path, condition, state);
            AtomicFiles.write(current(agent, path), bytes);
            return history.append(bytes, state.latest(), null).version();
        });
    }

    @Override
    public List<FileVersion> list(AgentId agent) {
        Path folder = root.resolve("agents").resolve(agent.value());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        TreeSet<MemoryPath> paths = new TreeSet<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 3)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue; // an interrupted write's temporary file, or an editor's
                }
                String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                try {
                    paths.add(MemoryPath.of(name));
                } catch (IllegalArgumentException notMemory) {
                    skipped.add(name);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new MemoryException("memory of agent " + agent + " in " + root + ": cannot list " + folder + ": "
                    + (e instanceof UncheckedIOException u ? u.getCause() : e), e);
        }
        if (!skipped.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "memory of agent {0} in {1}: skipped {2} file(s) that are not memory"
                    + " file names, e.g. {3}", agent, folder, skipped.size(), skipped.get(0));
        }
        List<FileVersion> current = new ArrayList<>();
        for (MemoryPath path : paths) {
            MemoryHistory history = historyOf(agent, path);
            locked(agent, path, "list", history, () -> {
                MemoryHistory.State state = history.sync();
                if (state.exists()) { // it may have gone since the folder was walked
                    current.add(version(path, state.latest(), true));
                }
                return null;
            });
        }
        return List.copyOf(current);
    }

    @Override
    public List<FileVersion> history(AgentId agent, MemoryPath path) {
        MemoryHistory history = historyOf(agent, path);
        if (!history.anything()) {
            return List.of();
        }
        return locked(agent, path, "read the history of", history, () -> {
            history.sync();
            List<FileVersion> versions = new ArrayList<>();
            for (MemoryHistory.Entry entry : history.entries()) {
                versions.add(version(path, entry, versions.isEmpty()));
            }
            return List.copyOf(versions);
        });
    }

    @Override
    public void delete(AgentId agent, MemoryPath path) {
        MemoryHistory history = historyOf(agent, path);
        if (!history.anything()) {
            return;
        }
        locked(agent, path, "delete", history, () -> {
            MemoryHistory.State state = history.sync();
            if (state.exists()) {
                Files.delete(current(agent, path));
                history.append(null, state.latest(), null);
            }
            return null;
        });
    }

    private void check(AgentId agent, MemoryPath path, WriteCondition condition, MemoryHistory.State state) {
        String where = "memory " + agent + "/" + path + " in " + root + ": ";
        switch (condition) {
            case WriteCondition.CreateOnly createOnly -> {
                if (state.exists()) {
                    throw new MemoryConflictException(where + "exists already (version " + state.latest().version()
                            + ") and the write was create-only: nothing was written");
                }
            }
            case WriteCondition.IfUnchanged(Version expected) -> {
                if (!state.exists()) {
                    throw new MemoryConflictException(where + "does not exist (any more), so it is not at version "
                            + expected + ": nothing was written");
                }
                if (!state.latest().version().equals(expected)) {
                    throw new MemoryConflictException(where + "is at version " + state.latest().version() + ", not "
                            + expected + " (another writer got there first): nothing was written");
                }
            }
            case WriteCondition.Unconditional unconditional -> {
                // last writer wins, by request
            }
        }
    }

    private static FileVersion version(MemoryPath path, MemoryHistory.Entry entry, boolean current) throws IOException {
        BasicFileAttributes attributes = entry.attributes();
        return new FileVersion(path, entry.version(), attributes.lastModifiedTime().toInstant(),
                entry.deleted() ? 0 : attributes.size(), entry.deleted(), current);
    }

    private Path current(AgentId agent, MemoryPath path) {
        return root.resolve("agents").resolve(agent.value()).resolve(path.value());
    }

    private MemoryHistory historyOf(AgentId agent, MemoryPath path) {
        return new MemoryHistory(root.resolve(".history").resolve(agent.value()).resolve(path.value()), current(agent, path));
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T locked(AgentId agent, MemoryPath path, String action, MemoryHistory history, Locked<T> work) {
        Path lockFile = history.dir().resolve(MemoryHistory.LOCK);
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, file -> new ReentrantLock());
        inProcess.lock();
        try {
            AtomicFiles.createPrivateDirectories(history.dir());
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PRIVATE_FILE)) {
                // Released when the channel closes, on every path out.
                channel.lock();
                return work.run();
            }
        } catch (IOException e) {
            throw failure(agent, path, action, e);
        } finally {
            inProcess.unlock();
        }
    }

    private MemoryException failure(AgentId agent, MemoryPath path, String action, IOException e) {
        return new MemoryException("memory " + agent + "/" + path + " in " + root + ": cannot " + action + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    private static String decode(byte[] bytes, Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MemoryException("memory file " + file + " is not UTF-8 text: save it as UTF-8 (memory is markdown)", e);
        }
    }

    /** Strictly: a lone surrogate would otherwise be written as '?' without a word. */
    private static byte[] encode(String content) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(content));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("content is not valid Unicode text (it holds a lone surrogate): nothing was written");
        }
    }
}
