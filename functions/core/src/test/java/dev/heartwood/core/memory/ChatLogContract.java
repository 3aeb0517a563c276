package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ChatLog} promises, proven once per adapter. */
public abstract class ChatLogContract {

    protected ChatLog chat;
    protected AgentId agent;

    protected abstract ChatLog newChatLog();

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpChat() {
        chat = newChatLog();
        agent = newAgent();
    }

    private List<ChatRow> appendMany(int count) {
        List<ChatRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(chat.append(agent, NewChatRow.of(i % 2 == 0 ? ChatRole.USER : ChatRole.ASSISTANT,
                    i % 3 == 0 ? "telegram" : "web", "message " + i)));
        }
        return rows;
    }

    @Test
    void newest_whenEmpty_isEmpty() {
        assertThat(chat.newest(agent, 50)).isEmpty();
    }

    @Test
    void append_thenNewest_returnsRowsNewestFirstAcrossChannels() {
        List<ChatRow> rows = appendMany(5);

        List<ChatRow> newest = chat.newest(agent, 3);

        assertThat(newest).extracting(ChatRow::content).containsExactly("message 4", "message 3", "message 2");
        assertThat(newest.get(0)).isEqualTo(rows.get(4));
        assertThat(chat.newest(agent, 50)).extracting(ChatRow::channel).contains("telegram", "web");
    }

    @Test
    void append_keepsRoleChannelContentAndDelivery() {
        ChatRow row = chat.append(agent, new NewChatRow(ChatRole.ASSISTANT, "mobile", "Bonjour ✓\nline two", "tg-991"));

        assertThat(chat.newest(agent, 1)).containsExactly(row);
        assertThat(row.role()).isEqualTo(ChatRole.ASSISTANT);
        assertThat(row.channel()).isEqualTo("mobile");
        assertThat(row.content()).isEqualTo("Bonjour ✓\nline two");
        assertThat(row.delivery()).contains("tg-991");
    }

    @Test
    void append_whenTheSameDeliveryComesTwice_keepsOneRow() {
        ChatRow first = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-7"));

        ChatRow again = chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "hi", "update-7"));

        assertThat(again).isEqualTo(first);
        assertThat(chat.newest(agent, 10)).hasSize(1);
    }

    @Test
    void append_withDeliveryIdsShapedLikeRealOnes_dedupesEach() {
        for (String delivery : new String[] {"cW4tYhHgDoEEMbQ=", "a/b+c", "update:991"}) {
            ChatRow first = chat.append(agent, new NewChatRow(ChatRole.USER, "web", "m " + delivery, delivery));
            assertThat(chat.append(agent, new NewChatRow(ChatRole.USER, "web", "m " + delivery, delivery))).isEqualTo(first);
        }

        assertThat(chat.newest(agent, 10)).hasSize(3);
    }

    @Test
    void before_pagesBackThroughTheWholeHistory() {
        List<ChatRow> rows = appendMany(23);

        List<ChatRow> seen = new ArrayList<>(chat.newest(agent, 10));
        while (true) {
            List<ChatRow> page = chat.before(agent, seen.get(seen.size() - 1).id(), 10);
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(page);
        }

        List<ChatRow> expected = new ArrayList<>(rows);
        java.util.Collections.reverse(expected);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void append_concurrently_givesEveryRowItsOwnId() throws Exception {
        Set<RowId> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 40; i++) {
            int n = i;
            pool.submit(() -> ids.add(chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + n)).id()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(ids).hasSize(40);
        assertThat(chat.newest(agent, 100)).hasSize(40);
    }

    @Test
    void delete_removesOneRowOnly() {
        List<ChatRow> rows = appendMany(3);

        chat.delete(agent, rows.get(1).id());
        chat.delete(agent, rows.get(1).id());

        assertThat(chat.newest(agent, 10)).containsExactly(rows.get(2), rows.get(0));
    }

    @Test
    void agents_haveSeparateHistories() {
        appendMany(2);
        AgentId other = newAgent();
        chat.append(other, NewChatRow.of(ChatRole.USER, "cli", "other"));

        assertThat(chat.newest(other, 10)).extracting(ChatRow::content).containsExactly("other");
        assertThat(chat.newest(agent, 10)).hasSize(2);
    }

    @Test
    void restore_ofAllRowsIntoAnotherAgent_keepsIdsOrderAndDeliveries() {
        appendMany(4);
        chat.append(agent, new NewChatRow(ChatRole.USER, "telegram", "from the bot", "tg-update-77"));
        List<ChatRow> kept = chat.all(agent);
        AgentId restored = newAgent();

        chat.restore(restored, kept);
        chat.restore(restored, kept);

        assertThat(kept).hasSize(5);
        assertThat(chat.all(restored)).extracting(ChatRow::id, ChatRow::role, ChatRow::channel, ChatRow::content,
                ChatRow::deliveryId).containsExactlyElementsOf(kept.stream().map(r -> org.assertj.core.groups.Tuple.tuple(
                        r.id(), r.role(), r.channel(), r.content(), r.deliveryId())).toList());
        assertThat(chat.append(restored, new NewChatRow(ChatRole.USER, "telegram", "from the bot", "tg-update-77")).id())
                .isEqualTo(kept.get(4).id());
    }

    @Test
    void restore_whenAnIdHoldsADifferentRow_failsAndKeepsIt() {
        ChatRow original = chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "the original"));
        ChatRow forged = new ChatRow(agent, original.id(), ChatRole.ASSISTANT, "web", "a replacement", null);

        assertThatThrownBy(() -> chat.restore(agent, List.of(forged))).isInstanceOf(MemoryException.class)
                .hasMessageContaining(original.id().toString());
        assertThat(chat.newest(agent, 5)).containsExactly(original);
    }
}
