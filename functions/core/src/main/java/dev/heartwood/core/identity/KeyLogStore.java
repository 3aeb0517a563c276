package dev.heartwood.core.identity;

/** Where key logs are kept: the control table in AWS, the control directory locally. Entries are never changed. */
public interface KeyLogStore {

    /** The agent's log, oldest entry first; empty if it has none. */
    KeyLog read(AgentId agent);

    /**
     * Adds the entry at its sequence number.
     *
     * @throws KeyConflictException if an entry with that sequence exists (another writer won); nothing changes
     */
    void append(KeyLogEntry entry);

    /** Removes the agent's whole log (the migration drill's destroy step). */
    void delete(AgentId agent);
}
