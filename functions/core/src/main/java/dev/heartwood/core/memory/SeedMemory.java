package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the starting memory files of a new agent from the templates in {@code /templates/}
 * (documented in docs/memory.md). Every write is create-only, so running it over an agent that
 * already has its files changes nothing.
 */
public final class SeedMemory {

    /** Per file: whether it was written now or was already there (and kept untouched). */
    public record Seeded(List<MemoryPath> created, List<MemoryPath> kept) {
        public Seeded {
            created = List.copyOf(created);
            kept = List.copyOf(kept);
        }
    }

    static final List<MemoryPath> SEEDED = List.of(MemoryPath.SOUL, MemoryPath.IDENTITY, MemoryPath.USER,
            MemoryPath.AGENTS, MemoryPath.TOOLS, MemoryPath.MEMORY, MemoryPath.HEARTBEAT);

    private final MemoryStore store;

    public SeedMemory(MemoryStore store) {
        this.store = store;
    }

    public Seeded run(AgentId agent) {
        List<MemoryPath> created = new ArrayList<>();
        List<MemoryPath> kept = new ArrayList<>();
        for (MemoryPath path : SEEDED) {
            if (store.read(agent, path).isPresent()) {
                kept.add(path);
                continue;
            }
            try {
                store.write(agent, path, template(path, agent), new WriteCondition.CreateOnly());
                created.add(path);
            } catch (MemoryConflictException raced) {
                kept.add(path); // someone wrote it between our read and write: theirs wins
            }
        }
        return new Seeded(created, kept);
    }

    /** The template for a file, with {@code {{agent}}} filled in. */
    public static String template(MemoryPath path, AgentId agent) {
        String resource = "/templates/" + path.value();
        try (InputStream in = SeedMemory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{agent}}", agent.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
    }
}
