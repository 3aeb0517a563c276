package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.List;
import java.util.Optional;

/**
 * Where an agent's markdown memory lives: a versioned S3 bucket, or a folder with a history.
 * Every write is conditional when asked to be, and every earlier version stays readable, so an
 * update is never lost and any change can be undone.
 */
public interface MemoryStore {

    /** The current content, or empty if the file does not exist (or was deleted). */
    Optional<MemoryFile> read(AgentId agent, MemoryPath path);

    /** An earlier version's content, or empty if the store has no such version of this file. */
    Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version);

    /**
     * Writes the whole file.
     *
     * @return the new version
     * @throws MemoryConflictException if {@code condition} does not hold; nothing is written
     */
    Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition);

    /** The agent's current files, sorted by path. */
    List<FileVersion> list(AgentId agent);

    /** Every version of the file, newest first, including delete markers; empty if it never existed. */
    List<FileVersion> history(AgentId agent, MemoryPath path);

    /** Removes the file; earlier versions stay in its history. A no-op if it does not exist. */
    void delete(AgentId agent, MemoryPath path);
}
