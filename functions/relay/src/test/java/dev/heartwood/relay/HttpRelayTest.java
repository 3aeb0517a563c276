package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HttpRelay against RelayHttpServer around a real LoopbackRelay: the port's behaviour, over the wire. */
class HttpRelayTest {

    private static final AgentId AGENT = AgentId.of("scout");

    @TempDir
    Path dir;

    private LoopbackOverHttp relay;
    private final AgentKey key = AgentKey.generate();

    @BeforeEach
    void setUp() {
        relay = new LoopbackOverHttp(dir);
    }

    @AfterEach
    void tearDown() {
        relay.close();
    }

    @Test
    void register_whenChallengeSignedByGenesisKey_returnsTheRegistration() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));
        Challenge challenge = relay.client.challenge(AGENT);

        Registration registration = relay.client.register(log, challenge, key.sign(challenge.bytesToSign()));

        assertThat(challenge.agent()).isEqualTo(AGENT);
        assertThat(challenge.expiresAt()).isAfter(LoopbackOverHttp.NOW);
        assertThat(registration).isEqualTo(new Registration(AGENT, key.publicKey(), key.publicKey(),
                LoopbackOverHttp.NOW));
    }

    @Test
    void register_whenRepeated_isANoOp() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));
        Registration first = relay.register(log, key);

        Registration again = relay.register(log, key);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void register_whenTheChallengeIsUsedTwice_isRejected() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));
        Challenge challenge = relay.client.challenge(AGENT);
        byte[] proof = key.sign(challenge.bytesToSign());
        relay.client.register(log, challenge, proof);

        assertThatThrownBy(() -> relay.client.register(log, challenge, proof))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("unknown or expired challenge").hasMessageEndingWith("(HTTP 401)");
    }

    @Test
    void register_whenProofIsSignedByAnotherKey_isRejectedWith401() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));
        Challenge challenge = relay.client.challenge(AGENT);

        assertThatThrownBy(() -> relay.client.register(log, challenge, AgentKey.generate().sign(challenge.bytesToSign())))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("the proof is not a signature of the challenge").hasMessageEndingWith("(HTTP 401)");
    }

    @Test
    void register_whenAnotherGenesisClaimsARegisteredAgent_isRejectedWith409() {
        relay.register(AGENT, key);
        AgentKey stranger = AgentKey.generate();
        KeyLog strangersLog = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, stranger, LoopbackOverHttp.NOW));

        assertThatThrownBy(() -> relay.register(strangersLog, stranger))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("does not extend it").hasMessageEndingWith("(HTTP 409)");
    }

    @Test
    void rotate_whenEntryIsValid_rejectsTheOldKeyAndAcceptsTheNew() {
        KeyLog log = relay.register(AGENT, key);
        AgentKey next = AgentKey.generate();
        KeyLogEntry entry = log.rotation(key, next, LoopbackOverHttp.NOW);

        Registration rotated = relay.client.rotate(entry);

        assertThat(rotated.genesisKey()).isEqualTo(key.publicKey());
        assertThat(rotated.currentKey()).isEqualTo(next.publicKey());
        assertThatThrownBy(() -> relay.client.post(relay.signed(AGENT, key, "m-old")))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("that key was rotated out").hasMessageEndingWith("(HTTP 401)");
        assertThat(relay.client.post(relay.signed(AGENT, next, "m-new")).keyId()).isEqualTo(next.publicKey().did());
        assertThat(relay.client.rotate(entry)).as("sending the same entry again").isEqualTo(rotated);
    }

    @Test
    void rotate_whenNotSignedByTheOutgoingKey_isRejected() {
        KeyLog log = relay.register(AGENT, key);
        AgentKey usurper = AgentKey.generate();
        KeyLogEntry unsigned = new KeyLogEntry(AGENT, 1, KeyLogEntry.Kind.ROTATE, usurper.publicKey(),
                log.entries().get(0).hash(), LoopbackOverHttp.NOW, List.of());
        KeyLogEntry forged = new KeyLogEntry(AGENT, 1, KeyLogEntry.Kind.ROTATE, usurper.publicKey(),
                log.entries().get(0).hash(), LoopbackOverHttp.NOW,
                List.of(new KeyLogEntry.EntrySignature(usurper.publicKey().did(), usurper.sign(unsigned.canonical()))));

        assertThatThrownBy(() -> relay.client.rotate(forged))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("rotation not signed by the outgoing key");
        assertThat(relay.client.post(relay.signed(AGENT, key, "m-1")).keyId()).isEqualTo(key.publicKey().did());
    }

    @Test
    void rotate_whenAgentIsUnknown_isRejectedWith404() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));

        assertThatThrownBy(() -> relay.client.rotate(log.rotation(key, AgentKey.generate(), LoopbackOverHttp.NOW)))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("is not registered").hasMessageEndingWith("(HTTP 404)");
    }

    @Test
    void post_whenSignedByTheCurrentKey_returnsAReceipt() {
        relay.register(AGENT, key);

        Receipt receipt = relay.client.post(relay.signed(AGENT, key, "m-1"));

        assertThat(receipt).isEqualTo(new Receipt(AGENT, "m-1", 1, LoopbackOverHttp.NOW, key.publicKey().did()));
        assertThat(relay.client.receipts(AGENT)).contains(List.of(receipt));
        assertThat(relay.loopback.deliveredBodies(AGENT)).containsExactly("{\"messageId\":\"m-1\",\"text\":\"hello\"}");
    }

    @Test
    void post_whenTheMessageIdRepeatsWithANewSignature_returnsTheOriginalReceipt() {
        relay.register(AGENT, key);
        Receipt first = relay.client.post(relay.signed(AGENT, key, "m-1"));

        Receipt again = relay.client.post(relay.signed(AGENT, key, "m-1"));

        assertThat(again).isEqualTo(first);
        assertThat(relay.client.receipts(AGENT).orElseThrow()).hasSize(1);
    }

    @Test
    void post_whenTheSameSignedRequestIsResent_returnsTheOriginalReceipt() {
        relay.register(AGENT, key);
        HttpMessage signed = relay.signed(AGENT, key, "m-1");
        Receipt first = relay.client.post(signed);

        assertThat(relay.client.post(signed)).isEqualTo(first);
        assertThat(relay.client.receipts(AGENT).orElseThrow()).hasSize(1);
    }

    @Test
    void post_whenTheBodyIsTamperedAfterSigning_isRejectedWithTheReason() {
        relay.register(AGENT, key);
        HttpMessage signed = relay.signed(AGENT, key, "m-1");
        HttpMessage tampered = HttpMessage.of(signed.method(), signed.targetUri(), signed.fields(),
                "{\"messageId\":\"m-1\",\"text\":\"goodbye\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> relay.client.post(tampered))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("body does not match Content-Digest").hasMessageEndingWith("(HTTP 401)");
        assertThat(relay.client.receipts(AGENT)).contains(List.of());
    }

    @Test
    void post_whenTargetIsNotUnderTheBase_throwsNamingBoth() {
        URI elsewhere = URI.create("https://relay.example/v1/agents/scout/messages");
        HttpMessage message = HttpMessage.of("POST", elsewhere, new byte[0]);

        assertThatThrownBy(() -> relay.client.post(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(elsewhere.toString()).hasMessageContaining(relay.server.baseUri().toString());
    }

    @Test
    void post_whenTargetOnlySharesTheBasePrefix_throws() {
        URI lookalike = URI.create(relay.server.baseUri() + "0/v1/agents/scout/messages");

        assertThatThrownBy(() -> relay.client.post(HttpMessage.of("POST", lookalike, new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inbox_whenAnotherAgentAddressedAMessage_readsItBackAsSent() {
        AgentKey bobsKey = AgentKey.generate();
        AgentId bob = AgentId.of("bob");
        relay.register(AGENT, key);
        relay.register(bob, bobsKey);
        String body = "{\"messageId\":\"m-1\",\"to\":\"scout\",\"text\":\"hello \\u00e9\"}";
        relay.client.post(relay.signedJson(bob, bobsKey, body));

        InboxPage page = relay.client.inbox(relay.signedRead(AGENT, key, 0, 10));

        assertThat(page).isEqualTo(new InboxPage(List.of(new InboxMessage(1, bob, "m-1", body, LoopbackOverHttp.NOW)), 1));
        assertThat(relay.client.inbox(relay.signedRead(AGENT, key, 1, 10))).isEqualTo(new InboxPage(List.of(), 1));
    }

    @Test
    void inbox_whenSignedByAnotherAgent_isRejectedWith401() {
        AgentKey bobsKey = AgentKey.generate();
        relay.register(AGENT, key);
        relay.register(AgentId.of("bob"), bobsKey);

        assertThatThrownBy(() -> relay.client.inbox(relay.signedRead(AGENT, bobsKey, 0, 10)))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("unknown keyid").hasMessageEndingWith("(HTTP 401)");
    }

    @Test
    void inbox_whenTheSameSignedReadIsResent_isRejectedAsAReplay() {
        relay.register(AGENT, key);
        HttpMessage read = relay.signedRead(AGENT, key, 0, 10);
        relay.client.inbox(read);

        assertThatThrownBy(() -> relay.client.inbox(read))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("was already used (replay)").hasMessageEndingWith("(HTTP 401)");
    }

    @Test
    void inbox_whenTheAgentIsUnknown_isRejectedWith404() {
        assertThatThrownBy(() -> relay.client.inbox(relay.signedRead(AgentId.of("nobody"), key, 0, 10)))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("agent nobody is not registered").hasMessageEndingWith("(HTTP 404)");
    }

    @Test
    void post_whenTheRecipientIsUnknown_isRejectedWith404AndNotDelivered() {
        relay.register(AGENT, key);

        assertThatThrownBy(() -> relay.client.post(relay.signedJson(AGENT, key, "{\"messageId\":\"m-1\",\"to\":\"nobody\"}")))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("recipient nobody is not registered").hasMessageEndingWith("(HTTP 404)");
        assertThat(relay.client.receipts(AGENT)).contains(List.of());
    }

    @Test
    void receipts_whenAgentIsUnknown_isEmpty() {
        assertThat(relay.client.receipts(AgentId.of("nobody"))).isEmpty();
    }

    @Test
    void challenge_whenTheServerIsDown_throwsUnavailableNamingTheUrl() {
        URI base = relay.server.baseUri();
        relay.close();

        assertThatThrownBy(() -> new HttpRelay(base).challenge(AGENT))
                .isInstanceOf(RelayUnavailableException.class)
                .hasMessageContaining(base + "/v1/agents/scout/challenge").hasMessageContaining("unavailable");
    }

    @Test
    void receipts_whenTheServerNeverAnswers_throwsUnavailableAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> acceptAndHold(silent));
            URI base = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            HttpRelay client = new HttpRelay(base, Duration.ofSeconds(1), Duration.ofMillis(500));

            assertThatThrownBy(() -> client.receipts(AGENT))
                    .isInstanceOf(RelayUnavailableException.class)
                    .hasMessageContaining(base.toString()).hasMessageContaining("Timeout");
        }
    }

    @Test
    void constructor_whenBaseIsNotHttp_throws() {
        assertThatThrownBy(() -> new HttpRelay(URI.create("ftp://relay.example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://relay.example");
    }

    @Test
    void base_whenGivenWithTrailingSlash_dropsIt() {
        assertThat(new HttpRelay(URI.create("https://relay.example/")).base())
                .isEqualTo(URI.create("https://relay.example"));
    }

    /** Accepts one connection and reads from it without ever answering, until the socket closes. */
    private static void acceptAndHold(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The test closed the server socket: nothing left to hold.
            return;
        }
    }
}
