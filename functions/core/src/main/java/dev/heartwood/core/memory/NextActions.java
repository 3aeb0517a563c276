package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;

/**
 * Adds a line under "## Next actions" in HEARTBEAT.md, once: how the agent's own checks (memory
 * over budget, notes gone stale) turn into work it will pick up at a later heartbeat. The write is
 * conditional and retried, so it never loses an edit the user made at the same moment.
 */
public final class NextActions {

    private final MemoryStore store;

    public NextActions(MemoryStore store) {
        this.store = store;
    }

    /**
     * @param key a prefix that identifies the action, e.g. {@code "- [ ] memory.compact"}: an
     *     unticked line starting with it means the action is already there
     * @return true if the line was added now, false if it was already there
     */
    public boolean add(AgentId agent, String key, String line) {
        for (int attempt = 0; attempt < 5; attempt++) {
            var heartbeat = store.read(agent, MemoryPath.HEARTBEAT);
            String text = heartbeat.map(MemoryFile::content).orElse("# Heartbeat\n\n## Next actions\n");
            if (text.lines().anyMatch(existing -> existing.startsWith(key))) {
                return false;
            }
            try {
                store.write(agent, MemoryPath.HEARTBEAT, WriteMemory.withNextAction(text, line),
                        heartbeat.<WriteCondition>map(f -> new WriteCondition.IfUnchanged(f.version()))
                                .orElse(new WriteCondition.CreateOnly()));
                return true;
            } catch (MemoryConflictException raced) {
                // HEARTBEAT.md changed under us: read it again and re-check
            }
        }
        throw new MemoryConflictException("HEARTBEAT.md of " + agent + " kept changing: the next action was not added");
    }
}
