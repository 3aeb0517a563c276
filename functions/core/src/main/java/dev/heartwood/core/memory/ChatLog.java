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
}
