package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayJsonTest {

    private static final AgentId AGENT = AgentId.of("scout");
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456789Z");

    @Test
    void challenge_whenWrittenAndRead_isTheSameAndSignsTheSameBytes() {
        Challenge challenge = new Challenge(AGENT, "abcdefghijklmnop_-0123", AT);

        Challenge read = RelayJson.readChallenge(RelayJson.toJson(challenge));

        assertThat(read).isEqualTo(challenge);
        assertThat(read.bytesToSign()).isEqualTo(challenge.bytesToSign());
        assertThat(json(RelayJson.toJson(challenge)))
                .isEqualTo("{\"agentId\":\"scout\",\"nonce\":\"abcdefghijklmnop_-0123\",\"expiresAt\":\"" + AT + "\"}");
    }

    @Test
    void registrationRequest_whenWrittenAndRead_keepsLogChallengeAndProof() {
        AgentKey key = AgentKey.generate();
        AgentKey next = AgentKey.generate();
        KeyLog genesis = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, AT));
        KeyLog log = genesis.append(genesis.rotation(key, next, AT.plusSeconds(1)));
        Challenge challenge = new Challenge(AGENT, "n".repeat(32), AT);
        byte[] proof = next.sign(challenge.bytesToSign());

        RelayJson.RegistrationRequest read = RelayJson.readRegistrationRequest(AGENT,
                RelayJson.toJson(log, challenge, proof));

        assertThat(read.log()).isEqualTo(log);
        assertThat(read.challenge()).isEqualTo(challenge);
        assertThat(read.proof()).isEqualTo(proof);
    }

    @Test
    void registration_whenWrittenAndRead_isTheSameWithDidKeys() {
        AgentKey genesis = AgentKey.generate();
        AgentKey current = AgentKey.generate();
        Registration registration = new Registration(AGENT, genesis.publicKey(), current.publicKey(), AT);

        byte[] json = RelayJson.toJson(registration);

        assertThat(RelayJson.readRegistration(json)).isEqualTo(registration);
        assertThat(json(json)).contains("\"currentKey\":\"" + current.publicKey().did() + "\"");
    }

    @Test
    void receipts_whenWrittenAndRead_areTheSameInOrder() {
        List<Receipt> receipts = List.of(new Receipt(AGENT, "m-1", 1, AT, "did:key:z6Mk1"),
                new Receipt(AGENT, "m-2", 2, AT.plusSeconds(1), "did:key:z6Mk1"));

        assertThat(RelayJson.readReceipts(RelayJson.toJson(receipts))).isEqualTo(receipts);
        assertThat(RelayJson.readReceipt(RelayJson.toJson(receipts.get(1)))).isEqualTo(receipts.get(1));
    }

    @Test
    void inboxPage_whenWrittenAndRead_isTheSameWithTheBodyAsSent() {
        InboxPage page = new InboxPage(List.of(
                new InboxMessage(7, AgentId.of("bob"), "m-1", "{\"messageId\":\"m-1\",\"to\":\"scout\",\"text\":\"hi\"}", AT),
                new InboxMessage(8, AgentId.of("eve"), "m-9", "{\"messageId\":\"m-9\"}", AT.plusSeconds(1))), 8);

        byte[] json = RelayJson.toJson(page);

        assertThat(RelayJson.readInboxPage(json)).isEqualTo(page);
        assertThat(json(json)).startsWith("{\"messages\":[{\"sequence\":7,\"from\":\"bob\",\"messageId\":\"m-1\","
                + "\"body\":\"{\\\"messageId\\\":\\\"m-1\\\",").endsWith("],\"next\":8}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'{\"next\":0}'                                                                  | field messages",
        "'{\"messages\":[],\"next\":-1}'                                                 | field next",
        "'{\"messages\":[7],\"next\":7}'                                                 | field messages[0]",
        "'{\"messages\":[{\"sequence\":0,\"from\":\"bob\",\"messageId\":\"m\",\"body\":\"{}\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}],\"next\":0}' | field messages[0].sequence",
        "'{\"messages\":[{\"sequence\":1,\"from\":\"Bob!\",\"messageId\":\"m\",\"body\":\"{}\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}],\"next\":1}' | field messages[0].from",
    })
    void readInboxPage_whenMalformed_namesTheField(String body, String expected) {
        assertThatThrownBy(() -> RelayJson.readInboxPage(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RelayJson.MalformedJsonException.class).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'[]'                                                                        | body: expected a JSON object",
        "'{\"keyLog\":{}}'                                                           | field keyLog",
        "'{\"keyLog\":[],\"challenge\":\"x\"}'                                       | field challenge",
        "'{\"keyLog\":[],\"challenge\":{\"agentId\":\"scout\",\"nonce\":\"short\",\"expiresAt\":\"2026-01-01T00:00:00Z\"},\"proof\":\"AA==\"}' | field challenge.nonce",
        "'{\"keyLog\":[],\"challenge\":{\"agentId\":\"scout\",\"nonce\":\"nnnnnnnnnnnnnnnnnnnn\",\"expiresAt\":\"soon\"},\"proof\":\"AA==\"}' | field challenge.expiresAt",
        "'{\"keyLog\":[],\"challenge\":{\"agentId\":\"scout\",\"nonce\":\"nnnnnnnnnnnnnnnnnnnn\",\"expiresAt\":\"2026-01-01T00:00:00Z\"},\"proof\":\"!!\"}' | field proof",
        "'{\"keyLog\":[1]}'                                                          | keyLog[0]",
    })
    void readRegistrationRequest_whenMalformed_namesTheField(String body, String expected) {
        assertThatThrownBy(() -> RelayJson.readRegistrationRequest(AGENT, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RelayJson.MalformedJsonException.class).hasMessageContaining(expected);
    }

    @Test
    void readReceipts_whenASequenceIsNotAWholeNumber_namesIt() {
        byte[] body = ("{\"receipts\":[{\"agentId\":\"scout\",\"messageId\":\"m\",\"sequence\":\"1\","
                + "\"receivedAt\":\"2026-01-01T00:00:00Z\",\"keyId\":\"k\"}]}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RelayJson.readReceipts(body))
                .isInstanceOf(RelayJson.MalformedJsonException.class).hasMessageContaining("receipts[0].sequence");
    }

    @Test
    void errorReason_whenBodyIsNotAnErrorObject_isEmpty() {
        assertThat(RelayJson.errorReason("<html>Not Found</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(RelayJson.errorReason(new byte[0])).isEmpty();
        assertThat(RelayJson.errorReason(RelayJson.error("agent x is not registered"))).contains("agent x is not registered");
    }

    private static String json(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
