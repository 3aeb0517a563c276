package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A MemoryStore in a map, honest enough to pass the contract; counts reads and how many were in flight at once. */
public final class InMemoryMemoryStore implements MemoryStore {

    private record Entry(String content, Version version, Instant at, boolean deleted) {
    }

    private final Map<String, List<Entry>> files = new HashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile long readDelayMillis;

    private static String key(AgentId agent, MemoryPath path) {
        return agent.value() + "/" + path.value();
    }

    @Override
    public Optional<MemoryFile> read(AgentId agent, MemoryPath path) {
        reads.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (readDelayMillis > 0) {
                Thread.sleep(readDelayMillis);
            }
            synchronized (this) {
                List<Entry> versions = files.getOrDefault(key(agent, path), List.of());
                if (versions.isEmpty() || versions.get(versions.size() - 1).deleted()) {
                    return Optional.empty();
                }
                Entry last = versions.get(versions.size() - 1);
                return Optional.of(new MemoryFile(path, last.content(), last.version(), last.at()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryException("interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public synchronized Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version) {
        return files.getOrDefault(key(agent, path), List.of()).stream()
                .filter(e -> e.version().equals(version) && !e.deleted())
                .findFirst().map(e -> new MemoryFile(path, e.content(), e.version(), e.at()));
    }

    @Override
    public synchronized Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
        List<Entry> versions = files.computeIfAbsent(key(agent, path), k -> new ArrayList<>());
        Optional<Entry> current = versions.isEmpty() || versions.get(versions.size() - 1).deleted()
                ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        boolean ok = switch (condition) {
            case WriteCondition.CreateOnly c -> current.isEmpty();
            case WriteCondition.IfUnchanged u -> current.map(e -> e.version().equals(u.version())).orElse(false);
            case WriteCondition.Unconditional u -> true;
        };
        if (!ok) {
            throw new MemoryConflictException(path + " of " + agent + " changed: write refused");
        }
        Version version = Version.of(Integer.toString(counter.incrementAndGet()));
        versions.add(new Entry(content, version, Instant.now(), false));
        return version;
    }

    @Override
    public synchronized List<FileVersion> list(AgentId agent) {
        List<FileVersion> out = new ArrayList<>();
        files.forEach((key, versions) -> {
            Entry last = versions.get(versions.size() - 1);
            if (key.startsWith(agent.value() + "/") && !last.deleted()) {
                MemoryPath path = MemoryPath.of(key.substring(agent.value().length() + 1));
                out.add(new FileVersion(path, last.version(), last.at(), last.content().length(), false, true));
            }
        });
        out.sort(Comparator.comparing(FileVersion::path));
        return out;
    }

    @Override
    public synchronized List<FileVersion> history(AgentId agent, MemoryPath path) {
        List<Entry> versions = files.getOrDefault(key(agent, path), List.of());
        List<FileVersion> out = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            Entry e = versions.get(i);
            out.add(new FileVersion(path, e.version(), e.at(), e.content().length(), e.deleted(), i == versions.size() - 1));
        }
        return out;
    }

    @Override
    public synchronized void delete(AgentId agent, MemoryPath path) {
        List<Entry> versions = files.getOrDefault(key(agent, path), new ArrayList<>());
        if (!versions.isEmpty() && !versions.get(versions.size() - 1).deleted()) {
            versions.add(new Entry("", Version.of(Integer.toString(counter.incrementAndGet())), Instant.now(), true));
        }
    }
}
