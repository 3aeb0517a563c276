package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AgentContext;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import java.util.List;

/**
 * One conversational turn, from any channel: the user's message is stored first (so it is never
 * lost, even if the model fails), the context is rebuilt, the model answers, and the answer is
 * stored as the assistant's row and returned. A delivery id makes a redelivered webhook a no-op
 * for storage; the model is then not asked again if the answer is already there.
 */
public final class TakeTurn {

    /** The stored user row and the assistant's answer row. */
    public record Turn(ChatRow user, ChatRow assistant) {
    }

    private final AppendChat chat;
    private final dev.heartwood.core.memory.ChatLog log;
    private final BuildContext context;
    private final ModelClient model;
    private final int maxTokens;

    public TakeTurn(AppendChat chat, dev.heartwood.core.memory.ChatLog log, BuildContext context, ModelClient model,
            int maxTokens) {
        this.chat = chat;
        this.log = log;
        this.context = context;
        this.model = model;
        this.maxTokens = maxTokens;
    }

    public Turn run(AgentId agent, String channel, String text, String deliveryId) {
        ChatRow user = chat.run(agent, new NewChatRow(ChatRole.USER, channel, text, deliveryId));
        String answerDelivery = deliveryId == null ? null : deliveryId + ".answer";
        if (answerDelivery != null) {
            var earlier = log.newest(agent, 50).stream()
                    .filter(row -> answerDelivery.equals(row.deliveryId())).findFirst();
            if (earlier.isPresent()) {
                return new Turn(user, earlier.get());
            }
        }
        AgentContext built = context.run(agent);
        ModelReply reply = model.complete(new ModelRequest(built.text(),
                List.of(ModelMessage.user(user.content())), maxTokens, 0.7));
        ChatRow assistant = chat.run(agent, new NewChatRow(ChatRole.ASSISTANT, channel, reply.text(), answerDelivery));
        return new Turn(user, assistant);
    }
}
