package dev.heartwood.local;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.KeyLogJson;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.bootstrap.StoreRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Key logs as files: {@code control/{agent}/keylog/{sequence}.json}, one per entry, created with
 * CREATE_NEW so two writers racing for the same sequence cannot both win.
 */
public final class FileKeyLogStore implements KeyLogStore {

    private final Path control;

    public FileKeyLogStore(LocalHome home) {
        this(home.store(StoreRole.CONTROL_TABLE));
    }

    /** A store rooted elsewhere: the loopback relay keeps its own copy of each agent's log. */
    FileKeyLogStore(Path root) {
        this.control = root;
    }

    @Override
    public KeyLog read(AgentId agent) {
        Path dir = dir(agent);
        if (!Files.isDirectory(dir)) {
            return KeyLog.empty(agent);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            List<KeyLogEntry> entries = new java.util.ArrayList<>();
            for (Path file : sorted) {
                entries.add(KeyLogJson.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            }
            return new KeyLog(agent, entries);
        } catch (IOException e) {
            throw new IdentityException("cannot read the key log of " + agent + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(KeyLogEntry entry) {
        Path file = dir(entry.agent()).resolve(String.format(Locale.ROOT, "%08d.json", entry.sequence()));
        try {
            if (!AtomicFiles.createNew(file, KeyLogJson.toJson(entry).getBytes(StandardCharsets.UTF_8))) {
                throw new KeyConflictException("key log of " + entry.agent() + " already has entry " + entry.sequence()
                        + " (" + file + "): another writer got there first");
            }
        } catch (IOException e) {
            throw new IdentityException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(AgentId agent) {
        Path dir = dir(agent);
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new IdentityException("cannot delete the key log of " + agent + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path dir(AgentId agent) {
        return control.resolve(agent.value()).resolve("keylog");
    }
}
