package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.Objects;
import java.util.Optional;

/**
 * One message in an agent's chat history, shared by every channel (web, mobile, Telegram, CLI).
 *
 * @param deliveryId the channel's own id for this message (a Telegram update id, a webhook
 *     request id), when it has one: appending the same delivery twice keeps one row
 */
public record ChatRow(AgentId agent, RowId id, ChatRole role, String channel, String content, String deliveryId) {

    public ChatRow {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        channel = NewChatRow.requireChannel(channel);
    }

    public Optional<String> delivery() {
        return Optional.ofNullable(deliveryId);
    }
}
