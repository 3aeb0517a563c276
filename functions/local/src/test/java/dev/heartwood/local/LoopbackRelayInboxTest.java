package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestSigner;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.RelayRejectedException;
import dev.heartwood.core.relay.RelayRequests;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages one agent addresses to another, and the inbox only the recipient can read. */
class LoopbackRelayInboxTest {

    @TempDir
    Path dir;

    private final AgentId ana = AgentId.of("ana");
    private final AgentId bob = AgentId.of("bob");
    private LocalHome home;
    private FileKeyVault vault;
    private LoopbackRelay relay;
    private RelayRequests requests;

    @BeforeEach
    void setUp() {
        home = LocalHome.at(dir);
        vault = new FileKeyVault(home, "pass"::toCharArray, 10, Clock.systemUTC());
        relay = LoopbackRelay.in(home);
        InitAgent init = new InitAgent(vault, new FileKeyLogStore(home), relay, Clock.systemUTC());
        init.run(ana);
        init.run(bob);
        requests = new RelayRequests(vault, LoopbackRelay.DEFAULT_BASE, Clock.systemUTC());
    }

    private Receipt bobSends(String messageId, String to, String text) {
        return relay.post(requests.message(bob, "{\"messageId\":\"" + messageId + "\",\"to\":\"" + to + "\",\"text\":\""
                + text + "\"}"));
    }

    @Test
    void post_whenAddressedToAnotherAgent_landsInItsInboxNamingTheSender() {
        Receipt receipt = bobSends("m-1", "ana", "lunch?");

        InboxPage page = relay.inbox(requests.inboxRead(ana, 0, 10));

        assertThat(page.messages()).singleElement().satisfies(message -> {
            assertThat(message.sequence()).isEqualTo(1);
            assertThat(message.from()).isEqualTo(bob);
            assertThat(message.messageId()).isEqualTo("m-1");
            assertThat(message.body()).contains("\"text\":\"lunch?\"");
            assertThat(message.receivedAt()).isEqualTo(receipt.receivedAt());
        });
        assertThat(page.next()).isEqualTo(1);
        assertThat(relay.inbox(requests.inboxRead(bob, 0, 10)).messages()).as("the sender's own inbox").isEmpty();
    }

    @Test
    void post_whenTheSameMessageIsSentAgain_leavesOneCopyInTheInbox() {
        Receipt first = bobSends("m-1", "ana", "lunch?");

        assertThat(bobSends("m-1", "ana", "lunch?")).isEqualTo(first);
        assertThat(relay.inbox(requests.inboxRead(ana, 0, 10)).messages()).hasSize(1);
    }

    @Test
    void post_whenTheRelayDiedBeforeTheSendersReceipt_theRetryLeavesOneCopyInTheInbox() throws Exception {
        bobSends("m-1", "ana", "lunch?");
        // As if the relay had died after the inbox append and before the sender's ledger append.
        Files.delete(home.relay().resolve("bob").resolve("messages.jsonl"));

        Receipt retry = LoopbackRelay.in(home).post(requests.message(bob, "{\"messageId\":\"m-1\",\"to\":\"ana\",\"text\":\"lunch?\"}"));

        assertThat(retry.sequence()).isEqualTo(1);
        assertThat(relay.inbox(requests.inboxRead(ana, 0, 10)).messages()).extracting(InboxMessage::messageId)
                .containsExactly("m-1");
    }

    @Test
    void post_whenTheRecipientIsNotRegistered_isRefusedAndChangesNothing() {
        assertThatThrownBy(() -> bobSends("m-1", "nobody", "hello?"))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("recipient nobody is not registered");
        assertThat(relay.receipts(bob)).contains(List.of());
        assertThatThrownBy(() -> relay.post(requests.message(bob, "{\"messageId\":\"m-2\",\"to\":42}")))
                .hasMessageContaining("field to 42 is not valid");
    }

    @Test
    void inbox_readsPageByPageAfterTheSequenceAskedFor() {
        for (int i = 1; i <= 5; i++) {
            bobSends("m-" + i, "ana", "note " + i);
        }

        InboxPage first = relay.inbox(requests.inboxRead(ana, 0, 2));
        InboxPage second = relay.inbox(requests.inboxRead(ana, first.next(), 2));
        InboxPage last = relay.inbox(requests.inboxRead(ana, 4, 100));
        InboxPage beyond = relay.inbox(requests.inboxRead(ana, 5, 100));

        assertThat(first.messages()).extracting(InboxMessage::messageId).containsExactly("m-1", "m-2");
        assertThat(second.messages()).extracting(InboxMessage::sequence).containsExactly(3L, 4L);
        assertThat(last.messages()).extracting(InboxMessage::messageId).containsExactly("m-5");
        assertThat(beyond.messages()).isEmpty();
        assertThat(beyond.next()).isEqualTo(5);
    }

    @Test
    void inbox_whenReadWithAnotherAgentsKey_isRefused() {
        bobSends("m-1", "ana", "for ana only");
        HttpMessage read = requests.inboxRead(ana, 0, 10);
        HttpMessage bobReadingAnasInbox = new RequestSigner(vault.current(bob).orElseThrow(), Clock.systemUTC(),
                Duration.ofMinutes(5)).sign(HttpMessage.of("GET", read.targetUri(), new byte[0])).message();

        assertThatThrownBy(() -> relay.inbox(bobReadingAnasInbox))
                .isInstanceOf(RelayRejectedException.class).hasMessageContaining("agent ana: unknown keyid");
    }

    @Test
    void inbox_whenUnsignedOrTheQueryWasChangedAfterSigning_isRefused() {
        HttpMessage read = requests.inboxRead(ana, 3, 10);
        HttpMessage unsigned = HttpMessage.of("GET", read.targetUri(), new byte[0]);
        HttpMessage rewound = new HttpMessage("GET", URI.create(LoopbackRelay.DEFAULT_BASE + "/v1/agents/ana/inbox?after=0&limit=10"),
                read.fields(), read.body());

        assertThatThrownBy(() -> relay.inbox(unsigned)).isInstanceOf(RelayRejectedException.class);
        assertThatThrownBy(() -> relay.inbox(rewound))
                .isInstanceOf(RelayRejectedException.class).hasMessageContaining("signature");
    }

    @Test
    void inbox_whenTheSameSignedReadComesAgain_evenAfterARestart_isRefusedAsAReplay() {
        HttpMessage read = requests.inboxRead(ana, 0, 10);
        relay.inbox(read);

        assertThatThrownBy(() -> relay.inbox(read)).hasMessageContaining("was already used (replay)");
        assertThatThrownBy(() -> LoopbackRelay.in(home).inbox(read)).hasMessageContaining("was already used (replay)");
        assertThat(relay.inbox(requests.inboxRead(ana, 0, 10)).messages()).as("a freshly signed read").isEmpty();
    }

    @Test
    void inbox_whenTheQueryIsMalformed_isRefusedNamingIt() {
        AgentKey key = vault.current(ana).orElseThrow();
        HttpMessage tooMany = new RequestSigner(key, Clock.systemUTC(), Duration.ofMinutes(5)).sign(HttpMessage.of("GET",
                URI.create(LoopbackRelay.DEFAULT_BASE + "/v1/agents/ana/inbox?after=0&limit=500"), new byte[0])).message();

        assertThatThrownBy(() -> relay.inbox(tooMany))
                .hasMessageContaining("query limit '500' is not valid: expected a whole number from 1 to 100");
    }

    @Test
    void inbox_whenTheAgentIsNotRegistered_isRefused() {
        HttpMessage read = HttpMessage.of("GET", URI.create(LoopbackRelay.DEFAULT_BASE + "/v1/agents/nobody/inbox"), new byte[0]);

        assertThatThrownBy(() -> relay.inbox(read)).hasMessageContaining("agent nobody is not registered");
    }

    @Test
    void inbox_survivesARestartOfTheRelay() {
        bobSends("m-1", "ana", "still here?");

        LoopbackRelay restarted = LoopbackRelay.in(home);

        assertThat(restarted.inbox(requests.inboxRead(ana, 0, 10)).messages())
                .extracting(InboxMessage::messageId).containsExactly("m-1");
        bobSends("m-2", "ana", "and this?");
        assertThat(restarted.inbox(requests.inboxRead(ana, 1, 10)).messages())
                .extracting(InboxMessage::sequence).containsExactly(2L);
    }
}
