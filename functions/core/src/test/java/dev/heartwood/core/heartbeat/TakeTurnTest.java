package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.InMemoryChatLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TakeTurnTest {

    private final AgentId agent = AgentId.of("agent-7f3a");
    private final InMemoryMemoryStore memory = new InMemoryMemoryStore();
    private final InMemoryChatLog chat = new InMemoryChatLog(Clock.systemUTC());
    private final List<ModelRequest> asked = new ArrayList<>();
    private final ModelClient model = request -> {
        asked.add(request);
        return new ModelReply("Bonjour! It is sunny.", "test-model", 10, 5, "end_turn");
    };

    private TakeTurn turn(ModelClient client) {
        return new TakeTurn(new AppendChat(chat, Redactor.standard()), chat,
                new BuildContext(memory, chat, Clock.systemUTC(), ContextBudget.DEFAULT), client, 512);
    }

    @Test
    void run_storesTheUserRowAsksWithTheContextAndStoresTheAnswer() {
        memory.write(agent, MemoryPath.SOUL, "# Soul\ncheerful", new WriteCondition.CreateOnly());

        TakeTurn.Turn result = turn(model).run(agent, "telegram", "how is the weather?", "upd-1");

        assertThat(result.assistant().content()).isEqualTo("Bonjour! It is sunny.");
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.system()).contains("cheerful", "how is the weather?");
            assertThat(request.messages()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("how is the weather?"));
        });
        assertThat(chat.newest(agent, 10)).extracting(r -> r.content())
                .containsExactly("Bonjour! It is sunny.", "how is the weather?");
    }

    @Test
    void run_whenTheSameDeliveryComesAgain_doesNotAskTheModelTwice() {
        TakeTurn take = turn(model);
        TakeTurn.Turn first = take.run(agent, "telegram", "hi", "upd-7");

        TakeTurn.Turn again = take.run(agent, "telegram", "hi", "upd-7");

        assertThat(again).isEqualTo(first);
        assertThat(asked).hasSize(1);
        assertThat(chat.newest(agent, 10)).hasSize(2);
    }

    @Test
    void run_withNoModel_failsClearlyButKeepsTheUsersMessage() {
        assertThatThrownBy(() -> turn(ModelClient.none()).run(agent, "web", "anyone there?", null))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no model configured");
        assertThat(chat.newest(agent, 10)).extracting(r -> r.content()).containsExactly("anyone there?");
    }
}
