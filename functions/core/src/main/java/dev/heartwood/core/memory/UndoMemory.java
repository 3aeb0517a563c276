package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Brings back an earlier version of a memory file by writing its content as the newest version:
 * history only grows, so an undo can itself be undone. Without a target it restores the version
 * before the current one (or, for a deleted file, the last version before the delete).
 */
public final class UndoMemory {

    /** {@code restored} is the version whose content is current again, under the new version {@code now}. */
    public record Undone(MemoryPath path, Version restored, Version now) {
    }

    private final MemoryStore store;

    public UndoMemory(MemoryStore store) {
        this.store = store;
    }

    /**
     * @throws MemoryException if the file has no earlier version, or {@code to} is not one of its versions
     * @throws MemoryConflictException if the file changed while undoing (nothing written)
     */
    public Undone run(AgentId agent, MemoryPath path, Optional<Version> to) {
        List<FileVersion> history = store.history(agent, path);
        if (history.isEmpty()) {
            throw new MemoryException(path + " of " + agent + " has no history: nothing to undo");
        }
        FileVersion newest = history.get(0);
        FileVersion target = to.map(version -> history.stream().filter(v -> v.version().equals(version)).findFirst()
                        .orElseThrow(() -> new MemoryException(path + " of " + agent + " has no version " + version
                                + ": see `heartwood memory history " + agent + " " + path + "`")))
                .orElseGet(() -> history.stream().skip(newest.deleted() ? 0 : 1).filter(v -> !v.deleted()).findFirst()
                        .orElseThrow(() -> new MemoryException(path + " of " + agent + " has no earlier version to go back to")));
        if (target.deleted()) {
            throw new MemoryException("version " + target.version() + " of " + path + " is a delete marker: choose a version with content");
        }
        String content = store.read(agent, path, target.version()).orElseThrow(() ->
                new MemoryException("version " + target.version() + " of " + path + " of " + agent + " could not be read"))
                .content();
        WriteCondition condition = newest.deleted() ? new WriteCondition.CreateOnly()
                : new WriteCondition.IfUnchanged(newest.version());
        return new Undone(path, target.version(), store.write(agent, path, content, condition));
    }
}
