package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.List;

/**
 * An agent's chat history, one log for every channel. Reading the newest rows costs the same
 * however long the history is: one query, or one read from the end of a file.
 */
public interface ChatLog {

    /**
     * Appends a row and returns it with its id. A row whose delivery id was appended before is not
     * appended again: the earlier row is returned.
     */
    ChatRow append(AgentId agent, NewChatRow row);

    /** The {@code limit} newest rows, newest first. */
    List<ChatRow> newest(AgentId agent, int limit);

    /** The {@code limit} rows just older than {@code before}, newest first: the next page back. */
    List<ChatRow> before(AgentId agent, RowId before, int limit);

    /** Removes one row; a no-op if it is not there. */
    void delete(AgentId agent, RowId row);

    /**
     * Writes rows exactly as a backup kept them (ids, roles, channels, delivery ids), oldest first,
     * for a restore into another installation. A row already there unchanged is skipped, so a
     * restore that failed halfway can be run again.
     *
     * @throws MemoryException if an id holds a different row, or a row would land before rows the
     *     log already has; rows before the offending one stay written, so run it again after fixing
     */
    void restore(AgentId agent, List<ChatRow> rows);

    /** Every row of the agent, oldest first, read in pages from the newest back. */
    default List<ChatRow> all(AgentId agent) {
        java.util.ArrayList<ChatRow> all = new java.util.ArrayList<>();
        List<ChatRow> page = newest(agent, PAGE);
        while (!page.isEmpty()) {
            all.addAll(page);
            page = page.size() < PAGE ? List.of() : before(agent, page.get(page.size() - 1).id(), PAGE);
        }
        java.util.Collections.reverse(all);
        return List.copyOf(all);
    }

    /** Rows per read when walking the whole history. */
    int PAGE = 500;
}
