package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.RotateKey;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestSigner;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.RelayRejectedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loopback relay as a peer: what it accepts, what it refuses, and what it remembers across restarts. */
class LoopbackRelayTest {

    @TempDir
    Path dir;

    private final AgentId agent = AgentId.of("agent-7f3a");
    private LocalHome home;
    private FileKeyVault vault;
    private FileKeyLogStore keyLogs;
    private LoopbackRelay relay;

    @BeforeEach
    void setUp() {
        home = LocalHome.at(dir);
        vault = new FileKeyVault(home, "pass"::toCharArray, 10, Clock.systemUTC());
        keyLogs = new FileKeyLogStore(home);
        relay = LoopbackRelay.in(home);
        new InitAgent(vault, keyLogs, relay, Clock.systemUTC()).run(agent);
    }

    private HttpMessage message(String messageId, String text) {
        byte[] body = ("{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return HttpMessage.of("POST", URI.create(LoopbackRelay.DEFAULT_BASE + "/v1/agents/" + agent + "/messages"), body)
                .withField("content-type", "application/json");
    }

    private HttpMessage signed(HttpMessage message) {
        AgentKey key = vault.current(agent).orElseThrow();
        return new RequestSigner(key, Clock.systemUTC(), Duration.ofMinutes(5)).sign(message).message();
    }

    @Test
    void post_whenSignedByTheCurrentKey_isDeliveredWithAReceipt() {
        Receipt receipt = relay.post(signed(message("m-1", "hello")));

        assertThat(receipt.messageId()).isEqualTo("m-1");
        assertThat(receipt.sequence()).isEqualTo(1);
        assertThat(receipt.keyId()).isEqualTo(vault.current(agent).orElseThrow().publicKey().did());
        assertThat(relay.deliveredBodies(agent)).singleElement().asString().contains("hello");
    }

    @Test
    void post_whenTheSameMessageIdComesAgain_returnsTheOriginalReceiptAndDeliversOnce() {
        Receipt first = relay.post(signed(message("m-1", "hello")));

        Receipt retry = relay.post(signed(message("m-1", "hello")));

        assertThat(retry).isEqualTo(first);
        assertThat(relay.deliveredBodies(agent)).hasSize(1);
        assertThat(relay.receipts(agent)).contains(java.util.List.of(first));
    }

    @Test
    void post_whenTheSameSignedRequestIsResent_returnsTheOriginalReceipt() {
        HttpMessage request = signed(message("m-1", "hello"));
        Receipt first = relay.post(request);

        assertThat(relay.post(request)).isEqualTo(first);
        assertThat(relay.deliveredBodies(agent)).hasSize(1);
    }

    @Test
    void post_whenANonceIsReusedForAnotherMessage_refusesTheReplay() {
        AgentKey key = vault.current(agent).orElseThrow();
        var firstSigned = new RequestSigner(key, Clock.systemUTC(), Duration.ofMinutes(5)).sign(message("m-1", "hello"));
        relay.post(firstSigned.message());
        var reused = firstSigned.parameters();
        HttpMessage second = message("m-2", "second");
        second = second.withField("content-digest", dev.heartwood.core.identity.signature.ContentDigest.sha256(second.body()));

        HttpMessage sameNonce = dev.heartwood.core.identity.signature.MessageSignatures.sign(second, "sig1", reused, key).message();

        assertThatThrownBy(() -> relay.post(sameNonce))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("was already used (replay)");
        assertThat(relay.deliveredBodies(agent)).hasSize(1);
    }

    @Test
    void register_whenAStrangerAsksForChallenges_theOwnersChallengeStillWorks() {
        AgentId fresh = AgentId.of("agent-new");
        AgentKey key = AgentKey.generate();
        var log = dev.heartwood.core.identity.KeyLog.empty(fresh)
                .append(dev.heartwood.core.identity.KeyLog.genesis(fresh, key, java.time.Instant.now()));
        var owners = relay.challenge(fresh);
        relay.challenge(fresh);
        relay.challenge(fresh);

        assertThat(relay.register(log, owners, key.sign(owners.bytesToSign())).currentKey()).isEqualTo(key.publicKey());
    }

    @Test
    void post_whenTheBodyIsTamperedAfterSigning_refusesIt() {
        HttpMessage request = signed(message("m-1", "pay 10"));
        HttpMessage tampered = HttpMessage.of(request.method(), request.targetUri(), request.fields(),
                new String(request.body(), StandardCharsets.UTF_8).replace("pay 10", "pay 99").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> relay.post(tampered))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("Content-Digest");
        assertThat(relay.deliveredBodies(agent)).isEmpty();
    }

    @Test
    void post_afterRotation_refusesTheOldKeyAndAcceptsTheNew() {
        AgentKey old = vault.current(agent).orElseThrow();
        HttpMessage byOldKey = new RequestSigner(old, Clock.systemUTC(), Duration.ofMinutes(5)).sign(message("m-2", "late")).message();
        new RotateKey(vault, keyLogs, relay, Clock.systemUTC()).run(agent);

        assertThatThrownBy(() -> relay.post(byOldKey))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("rotated out");
        assertThat(relay.post(signed(message("m-2", "late"))).sequence()).isEqualTo(1);
    }

    @Test
    void post_whenSignedByAStranger_refusesIt() {
        HttpMessage forged = new RequestSigner(AgentKey.generate(), Clock.systemUTC(), Duration.ofMinutes(5))
                .sign(message("m-1", "hello")).message();

        assertThatThrownBy(() -> relay.post(forged)).isInstanceOf(RelayRejectedException.class);
        assertThat(relay.deliveredBodies(agent)).isEmpty();
    }

    @Test
    void post_whenAddressedToAnotherRelay_refusesIt() {
        HttpMessage elsewhere = HttpMessage.of("POST", URI.create("https://other.example/v1/agents/" + agent + "/messages"),
                "{\"messageId\":\"m\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> relay.post(signed(elsewhere)))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining("not this relay");
    }

    @Test
    void post_whenBodyLacksAMessageId_refusesIt() {
        HttpMessage noId = HttpMessage.of("POST", URI.create(LoopbackRelay.DEFAULT_BASE + "/v1/agents/" + agent + "/messages"),
                "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> relay.post(signed(noId))).hasMessageContaining("has no messageId");
    }

    @Test
    void ledger_survivesARestartOfTheRelay() {
        Receipt first = relay.post(signed(message("m-1", "hello")));

        LoopbackRelay restarted = LoopbackRelay.in(home);

        assertThat(restarted.post(signed(message("m-1", "hello")))).isEqualTo(first);
        assertThat(restarted.receipts(agent)).contains(java.util.List.of(first));
    }

    @Test
    void post_whenTheSignatureAsksToLiveTooLong_refusesIt() {
        AgentKey key = vault.current(agent).orElseThrow();
        HttpMessage longLived = new RequestSigner(key, Clock.systemUTC(), Duration.ofDays(30)).sign(message("m-1", "hi")).message();

        assertThatThrownBy(() -> relay.post(longLived)).hasMessageContaining("exceeds the relay's maximum of PT1H");
    }

    @Test
    void receipts_whenAgentUnknown_isEmpty() {
        assertThat(relay.receipts(AgentId.of("nobody"))).isEmpty();
    }
}
