package dev.heartwood.local;

import dev.heartwood.core.memory.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One memory file's history folder, {@code .history/{agent}/{path}/}: each version the file has had
 * as one immutable file, {@code 000001-k3x9a0qz.md} with its content or {@code 000002-p0d7c2mf.deleted}
 * (empty) where it was deleted, plus the {@code .lock} its writers hold. The version is that name
 * without the extension.
 *
 * <p>The sequence orders the versions; the random part makes a version name unique beyond this
 * file, so a version of one file is never taken for a version of another, nor for one of the same
 * file after its history was wiped and started again at 000001.
 *
 * <p>The folder follows the current file, not the other way round: {@link #sync} records whatever
 * the current file holds now if it differs from the newest version, so an edit by hand, a copied-in
 * file or a write that crashed between its two steps becomes a version instead of being lost.
 * Callers hold the lock around everything here except {@link #content}, which needs none because
 * an entry appears whole and never changes.
 */
final class MemoryHistory {

    static final String LOCK = ".lock";
    private static final Pattern ENTRY = Pattern.compile("(\\d{6,18})-([a-z0-9]{8})\\.(md|deleted)");
    private static final Pattern VERSION = Pattern.compile("\\d{6,18}-[a-z0-9]{8}");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One version on disk. */
    record Entry(long sequence, Version version, boolean deleted, Path file) {
        BasicFileAttributes attributes() throws IOException {
            return Files.readAttributes(file, BasicFileAttributes.class);
        }
    }

    /** The newest version and, unless it is a delete marker (or there is none), the current content. */
    record State(Entry latest, byte[] content) {
        boolean exists() {
            return content != null;
        }
    }

    private final Path dir;
    private final Path current;

    MemoryHistory(Path dir, Path current) {
        this.dir = dir;
        this.current = current;
    }

    Path dir() {
        return dir;
    }

    /** Whether the file has a current version or ever had one; false means there is nothing to lock. */
    boolean anything() {
        return Files.exists(current) || Files.isDirectory(dir);
    }

    /** Every version, newest first. */
    List<Entry> entries() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(MemoryHistory::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(Entry::sequence).thenComparing(e -> e.file().getFileName().toString())
                            .reversed())
                    .toList();
        }
    }

    /** Brings the history in line with the current file and returns where it stands. */
    State sync() throws IOException {
        List<Entry> entries = entries();
        Entry latest = entries.isEmpty() ? null : entries.get(0);
        byte[] now = readIfPresent(current);
        if (now == null) {
            if (latest != null && !latest.deleted()) {
                // Removed outside the store, or a delete crashed between removing and recording.
                latest = append(null, latest, null);
            }
            return new State(latest, null);
        }
        if (latest == null || latest.deleted() || !Arrays.equals(now, Files.readAllBytes(latest.file()))) {
            // Written outside the store, or a write crashed between replacing and recording: keep
            // the edit's own time, it is when the change was made.
            latest = append(now, latest, Files.getLastModifiedTime(current));
        }
        return new State(latest, now);
    }

    /**
     * Records a new version after {@code previous}: {@code content}, or a delete marker if null.
     * Writers hold the lock, so the sequence number is taken once; the entry is created whole and
     * never over an existing one.
     */
    Entry append(byte[] content, Entry previous, FileTime modified) throws IOException {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String name = String.format(Locale.ROOT, "%06d-%s.%s", sequence, randomId(), content == null ? "deleted" : "md");
        Path file = dir.resolve(name);
        if (!AtomicFiles.createNewWhole(file, content == null ? new byte[0] : content)) {
            throw new IOException("history entry " + file + " exists already: a writer ignored the lock");
        }
        if (modified != null) {
            Files.setLastModifiedTime(file, modified);
        }
        return parse(file).orElseThrow();
    }

    /** The content of {@code version}, if it is a version of this file with content. */
    Optional<Entry> content(Version version) {
        if (!VERSION.matcher(version.value()).matches()) {
            return Optional.empty(); // not one of ours, and never to be resolved as a path
        }
        Path file = dir.resolve(version.value() + ".md");
        return Files.isRegularFile(file) ? parse(file) : Optional.empty();
    }

    private static Optional<Entry> parse(Path file) {
        Matcher name = ENTRY.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty(); // the lock, a temporary file, or something a person put there
        }
        return Optional.of(new Entry(Long.parseLong(name.group(1)), Version.of(name.group(1) + "-" + name.group(2)),
                name.group(3).equals("deleted"), file));
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
