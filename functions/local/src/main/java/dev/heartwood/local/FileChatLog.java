package dev.heartwood.local;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Chat history as one append-only JSON-lines file per agent, {@code agent_messages/{agent}.jsonl},
 * mode 0600, each append forced to disk. A delete appends a tombstone, so the file only ever
 * grows at its end; reads walk it backwards from there and stop as soon as they have their rows.
 *
 * <p>Appends hold the agent's lock (a lock file, so that closing a reader's channel never drops
 * it), and within it give each row an id later than the file's last, so file order is id order:
 * that is what lets a reader stop early, and {@code before} compare ids.
 */
public final class FileChatLog implements ChatLog {

    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 12;
    private static final FileAttribute<?>[] PRIVATE_FILE =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_READ_WRITE)}
                    : new FileAttribute<?>[0];
    /**
     * An OS file lock keeps other processes out but not other threads of this JVM (they get an
     * OverlappingFileLockException), and two FileChatLogs on one home must exclude each other too.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Clock clock;
    private final DeliveryMarkers deliveries;
    private volatile long lastBytesRead;

    public FileChatLog(LocalHome home) {
        this(home, Clock.systemUTC());
    }

    public FileChatLog(LocalHome home, Clock clock) {
        this.dir = home.store(StoreRole.MESSAGES_TABLE);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deliveries = new DeliveryMarkers(dir);
    }

    @Override
    public ChatRow append(AgentId agent, NewChatRow row) {
        Objects.requireNonNull(row, "row");
        return locked(agent, "append", () -> {
            Path file = file(agent);
            Scan tail = scan(agent, file, (seen, deleted) -> false);
            RowId id = nextId(tail.lastSeen());
            if (row.deliveryId() != null) {
                Optional<RowId> claimed = deliveries.claim(agent, row.deliveryId(), id);
                if (claimed.isPresent()) {
                    Optional<ChatRow> earlier = find(agent, file, claimed.get());
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                    // The marker outlived its row: the row was deleted, or a crash fell between the
                    // marker and the row. The delivery is new again.
                    deliveries.reassign(agent, row.deliveryId(), id);
                }
            }
            ChatRow stored = new ChatRow(agent, id, row.role(), row.channel(), row.content(), row.deliveryId());
            write(file, tail.endsTorn(), ChatLines.row(stored));
            return stored;
        });
    }

    @Override
    public List<ChatRow> newest(AgentId agent, int limit) {
        return page(agent, null, limit);
    }

    @Override
    public List<ChatRow> before(AgentId agent, RowId before, int limit) {
        Objects.requireNonNull(before, "before");
        return page(agent, before, limit);
    }

    @Override
    public void delete(AgentId agent, RowId row) {
        Objects.requireNonNull(row, "row");
        if (!Files.exists(file(agent))) {
            return;
        }
        locked(agent, "delete a row", () -> {
            Path file = file(agent);
            boolean[] live = {false};
            Scan scan = scan(agent, file, (seen, deleted) -> {
                live[0] = !deleted && seen.id().equals(row);
                return seen.id().compareTo(row) > 0;
            });
            if (live[0]) {
                write(file, scan.endsTorn(), ChatLines.tombstone(row));
            }
            return null;
        });
    }

    /** Bytes the last {@code newest} or {@code before} read from the file: the tests hold it against the history's length. */
    long lastBytesRead() {
        return lastBytesRead;
    }

    private List<ChatRow> page(AgentId agent, RowId before, int limit) {
        Objects.requireNonNull(agent, "agent");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<ChatRow> rows = new ArrayList<>();
        Path file = file(agent);
        try {
            Scan scan = scan(agent, file, (row, deleted) -> {
                if (!deleted && (before == null || row.id().compareTo(before) < 0)) {
                    rows.add(row);
                }
                return rows.size() < limit;
            });
            lastBytesRead = scan.bytesRead();
        } catch (IOException e) {
            throw failure(agent, "read", e);
        }
        return List.copyOf(rows);
    }

    @Override
    public void restore(AgentId agent, List<ChatRow> rows) {
        Objects.requireNonNull(rows, "rows");
        locked(agent, "restore", () -> {
            Path file = file(agent);
            java.util.Map<RowId, ChatRow> present = new java.util.HashMap<>();
            Scan tail = scan(agent, file, (row, deleted) -> {
                if (!deleted) {
                    present.put(row.id(), row);
                }
                return true;
            });
            RowId last = tail.lastSeen();
            boolean torn = tail.endsTorn();
            for (ChatRow kept : rows) {
                ChatRow row = new ChatRow(agent, kept.id(), kept.role(), kept.channel(), kept.content(), kept.deliveryId());
                ChatRow there = present.get(row.id());
                if (there != null) {
                    if (!there.equals(row)) {
                        throw new MemoryException("chat of agent " + agent + " in " + file + ": row " + row.id()
                                + " already holds a different row: not restored");
                    }
                    continue;
                }
                if (last != null && last.compareTo(row.id()) > 0) {
                    throw new MemoryException("chat of agent " + agent + " in " + file + ": row " + row.id()
                            + " is older than row " + last + " already there: restore into an empty history");
                }
                if (row.deliveryId() != null) {
                    deliveries.reassign(agent, row.deliveryId(), row.id());
                }
                write(file, torn, ChatLines.row(row));
                torn = false;
                last = row.id();
            }
            return null;
        });
    }

    /** The live row {@code id}, reading back only until the ids pass it. */
    private Optional<ChatRow> find(AgentId agent, Path file, RowId id) throws IOException {
        ChatRow[] found = {null};
        scan(agent, file, (row, deleted) -> {
            if (!deleted && row.id().equals(id)) {
                found[0] = row;
            }
            return row.id().compareTo(id) > 0;
        });
        return Optional.ofNullable(found[0]);
    }

    /** Sees each row from the newest back, with whether a later tombstone deleted it, until told to stop. */
    private interface RowVisitor {
        boolean continueAfter(ChatRow row, boolean deleted);
    }

    private record Scan(RowId lastSeen, boolean endsTorn, long bytesRead) {
    }

    private Scan scan(AgentId agent, Path file, RowVisitor visitor) throws IOException {
        if (!Files.exists(file)) {
            return new Scan(null, false, 0);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            BackwardLines lines = new BackwardLines(channel, end);
            Set<RowId> deleted = new HashSet<>();
            RowId lastSeen = null;
            for (byte[] line = lines.previous(); line != null; line = lines.previous()) {
                ChatLines.Line parsed = parse(agent, file, line);
                if (parsed instanceof ChatLines.Tombstone tombstone) {
                    deleted.add(tombstone.deleted());
                } else if (parsed instanceof ChatLines.Row(ChatRow row)) {
                    lastSeen = lastSeen == null ? row.id() : lastSeen;
                    if (!visitor.continueAfter(row, deleted.remove(row.id()))) {
                        break;
                    }
                }
            }
            return new Scan(lastSeen, lines.endsTorn(end), lines.bytesRead());
        }
    }

    private static ChatLines.Line parse(AgentId agent, Path file, byte[] line) {
        try {
            return ChatLines.parse(agent, line);
        } catch (IllegalArgumentException e) {
            throw new MemoryException("chat of agent " + agent + " in " + file + " has a line that is not a chat row ("
                    + e.getMessage() + "): repair or remove that line", e);
        }
    }

    /** Appends one line and forces it to disk; a torn line left by a crash is first closed off so it cannot swallow this one. */
    private static void write(Path file, boolean sealTornLine, byte[] line) throws IOException {
        boolean created = !Files.exists(file);
        ByteBuffer bytes = ByteBuffer.allocate(line.length + 2);
        if (sealTornLine) {
            bytes.put((byte) '\n');
        }
        bytes.put(line).put((byte) '\n').flip();
        try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PRIVATE_FILE)) {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        if (created) {
            syncDirectory(file.getParent());
        }
    }

    /** Strictly later than the file's last row, even in the same millisecond or if the clock stepped back. */
    private RowId nextId(RowId last) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (last != null && !now.isAfter(last.instant())) {
            now = last.instant().plusMillis(1);
        }
        return RowId.of(now, suffix());
    }

    /** A SecureRandom made here: one kept in a field would be copied into every restored snapshot and repeat. */
    private static String suffix() {
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T locked(AgentId agent, String action, Locked<T> work) {
        Objects.requireNonNull(agent, "agent");
        Path lockFile = dir.resolve(agent.value() + ".lock");
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, path -> new ReentrantLock());
        inProcess.lock();
        try {
            AtomicFiles.createPrivateDirectories(dir);
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PRIVATE_FILE)) {
                // Released when the channel closes, on every path out.
                channel.lock();
                return work.run();
            }
        } catch (IOException e) {
            throw failure(agent, action, e);
        } finally {
            inProcess.unlock();
        }
    }

    private MemoryException failure(AgentId agent, String action, IOException e) {
        return new MemoryException("chat of agent " + agent + " in " + file(agent) + ": cannot " + action + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    private Path file(AgentId agent) {
        return dir.resolve(agent.value() + ".jsonl");
    }

    /** A new file's directory entry is durable only once the directory itself is forced. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the line itself is already forced.
        }
    }
}
