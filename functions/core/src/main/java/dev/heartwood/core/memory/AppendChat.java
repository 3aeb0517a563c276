package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.redaction.Redaction;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.memory.redaction.ToolResultNote;

/**
 * The one door for adding to chat history: tool and API results become a one-line note (they are
 * never stored verbatim), and everything passes the {@link Redactor} before it is stored.
 */
public final class AppendChat {

    private static final System.Logger LOG = System.getLogger("heartwood.memory");

    private final ChatLog chat;
    private final Redactor redactor;

    public AppendChat(ChatLog chat, Redactor redactor) {
        this.chat = chat;
        this.redactor = redactor;
    }

    public ChatRow run(AgentId agent, NewChatRow row) {
        // The excerpt is redacted with this redactor before it is cut: a canary cut at the excerpt's end no
        // longer matches exactly, and the standard redactor alone would leave its first part behind.
        String content = row.role() == ChatRole.TOOL ? ToolResultNote.summarize(row.channel(), row.content(), redactor)
                : row.content();
        Redaction redaction = redactor.redact(content);
        if (!redaction.findings().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "chat of {0} ({1}): {2}", agent, row.channel(), redaction.summary());
        }
        return chat.append(agent, new NewChatRow(row.role(), row.channel(), redaction.text(), row.deliveryId()));
    }
}
