package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.heartbeat.task.RelayInboxTask;
import dev.heartwood.core.heartbeat.task.TaskFailedException;
import dev.heartwood.core.heartbeat.task.TaskRun;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.RelayRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay.inbox} against the loopback relay and the file chat log: what bob sends ana shows
 * up in ana's chat, once, however often and however interrupted the task runs.
 */
class RelayInboxTaskTest {

    @TempDir
    Path dir;

    private final AgentId ana = AgentId.of("ana");
    private final AgentId bob = AgentId.of("bob");
    private LocalHome home;
    private FileKeyVault vault;
    private LoopbackRelay relay;
    private RelayRequests requests;
    private FileChatLog chat;
    private RelayInboxTask inbox;

    @BeforeEach
    void setUp() {
        home = LocalHome.at(dir.resolve("home"));
        vault = new FileKeyVault(home, "pass"::toCharArray, 10, Clock.systemUTC());
        relay = LoopbackRelay.in(home);
        InitAgent init = new InitAgent(vault, new FileKeyLogStore(home), relay, Clock.systemUTC());
        init.run(ana);
        init.run(bob);
        requests = new RelayRequests(vault, LoopbackRelay.DEFAULT_BASE, Clock.systemUTC());
        chat = new FileChatLog(home);
        inbox = new RelayInboxTask(relay, requests, new AppendChat(chat, Redactor.standard()), chat);
    }

    private void bobSendsAna(String messageId, String text) {
        relay.post(requests.message(bob, "{\"messageId\":\"" + messageId + "\",\"to\":\"ana\",\"text\":\"" + text + "\"}"));
    }

    private String runInbox() {
        TaskId task = TaskId.of("read-inbox");
        Instant slot = Instant.parse("2026-11-22T09:00:00Z");
        TaskRun run = new TaskRun(ana, task, "relay.inbox", "", slot, MessageId.of(ana, task, slot));
        assertThat(inbox.prepare(run)).as("relay.inbox posts nothing through the outbox").isEmpty();
        return inbox.perform(run);
    }

    private List<ChatRow> relayRows() {
        return chat.newest(ana, 1000).stream().filter(row -> row.channel().equals("relay")).toList().reversed();
    }

    @Test
    void perform_whenAnotherAgentSentAMessage_recordsItOnceHoweverOftenItRuns() {
        bobSendsAna("m-1", "lunch at noon?");

        String first = runInbox();
        String second = runInbox();

        assertThat(first).isEqualTo("recorded 1 relay message (#1); none remain");
        assertThat(second).isEqualTo("no new relay messages");
        assertThat(relayRows()).singleElement().satisfies(row -> {
            assertThat(row.role()).isEqualTo(ChatRole.USER);
            assertThat(row.content()).isEqualTo("From bob via the relay: lunch at noon?");
            assertThat(row.deliveryId()).isEqualTo("relay:1");
        });
        assertThat(chat.newest(bob, 10)).as("the sender's chat").isEmpty();

        bobSendsAna("m-2", "or at one?");

        assertThat(runInbox()).isEqualTo("recorded 1 relay message (#2); none remain");
        assertThat(relayRows()).extracting(ChatRow::content)
                .containsExactly("From bob via the relay: lunch at noon?", "From bob via the relay: or at one?");
    }

    @Test
    void perform_whenMoreThanAHundredWait_spreadsThemOverHeartbeatsInOrder() {
        for (int i = 1; i <= 130; i++) {
            bobSendsAna("m-" + i, "note " + i);
        }

        String first = runInbox();
        int afterFirst = relayRows().size();
        String second = runInbox();
        String third = runInbox();

        assertThat(first).isEqualTo("recorded 100 relay messages (#1-#100); more remain for the next heartbeat");
        assertThat(afterFirst).isEqualTo(100);
        assertThat(second).isEqualTo("recorded 30 relay messages (#101-#130); none remain");
        assertThat(third).isEqualTo("no new relay messages");
        assertThat(relayRows()).extracting(ChatRow::deliveryId)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 130).mapToObj(i -> "relay:" + i).toList());
    }

    @Test
    void perform_whenTheLastRelayRowIsBuriedUnderOtherChat_goesOnAfterIt() {
        bobSendsAna("m-1", "first");
        runInbox();
        for (int i = 0; i < 450; i++) {
            chat.append(ana, NewChatRow.of(ChatRole.USER, "web", "chatting " + i));
        }
        bobSendsAna("m-2", "second");

        assertThat(runInbox()).isEqualTo("recorded 1 relay message (#2); none remain");
        assertThat(runInbox()).isEqualTo("no new relay messages");
        assertThat(relayRows()).extracting(ChatRow::deliveryId).containsExactly("relay:1", "relay:2");
    }

    @Test
    void perform_whenARecordedRowWasLost_readsItAgain() {
        bobSendsAna("m-1", "first");
        bobSendsAna("m-2", "second");
        runInbox();
        // As if the chat history had been restored from a backup taken before the second message.
        chat.delete(ana, relayRows().get(1).id());

        assertThat(runInbox()).isEqualTo("recorded 1 relay message (#2); none remain");
        assertThat(relayRows()).extracting(ChatRow::content)
                .containsExactly("From bob via the relay: first", "From bob via the relay: second");
    }

    @Test
    void perform_whenAMessageCarriesASecret_recordsItRedacted() {
        String accessKey = "AKIA" + "IOSFODNN7EXAMPLE";
        bobSendsAna("m-1", "the deploy key is " + accessKey);

        runInbox();

        assertThat(relayRows()).singleElement().extracting(ChatRow::content).asString()
                .doesNotContain(accessKey).contains("From bob via the relay: the deploy key is [redacted:aws-access-key]");
    }

    @Test
    void perform_whenTheReadIsSignedWithAKeyTheRelayDoesNotKnow_failsAndRecordsNothing() {
        bobSendsAna("m-1", "for ana only");
        FileKeyVault impostorVault = new FileKeyVault(LocalHome.at(dir.resolve("impostor")), "pass"::toCharArray, 10,
                Clock.systemUTC());
        impostorVault.create(ana, AgentKey.generate());
        RelayInboxTask impostor = new RelayInboxTask(relay,
                new RelayRequests(impostorVault, LoopbackRelay.DEFAULT_BASE, Clock.systemUTC()),
                new AppendChat(chat, Redactor.standard()), chat);
        TaskId task = TaskId.of("read-inbox");
        Instant slot = Instant.parse("2026-11-22T09:00:00Z");

        assertThatThrownBy(() -> impostor.perform(new TaskRun(ana, task, "relay.inbox", "", slot, MessageId.of(ana, task, slot))))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("the relay refused the inbox read: agent ana: unknown keyid");
        assertThat(relayRows()).isEmpty();
    }

    @Test
    void perform_whenNothingWasEverSent_saysSo() {
        chat.append(ana, NewChatRow.of(ChatRole.USER, "web", "hello"));

        assertThat(runInbox()).isEqualTo("no new relay messages");
        assertThat(relayRows()).isEmpty();
    }

    @Test
    void prepare_whenGivenAnArgument_failsNamingTheTask() {
        TaskId task = TaskId.of("read-inbox");
        Instant slot = Instant.parse("2026-11-22T09:00:00Z");

        assertThatThrownBy(() -> inbox.prepare(new TaskRun(ana, task, "relay.inbox", "from bob", slot,
                MessageId.of(ana, task, slot))))
                .isInstanceOf(TaskFailedException.class).hasMessageContaining("read-inbox takes no argument");
    }
}
