package dev.heartwood.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestVerifier;
import dev.heartwood.core.identity.signature.Verification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's signed requests: what the relay receives must verify against the agent's key, and only as sent. */
class RelayRequestsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private final AgentId agent = AgentId.of("scout");
    private final AgentKey key = AgentKey.generate();
    private final RelayRequests requests = new RelayRequests(new OneKeyVault(agent, key),
            URI.create("https://relay.example/"), CLOCK);

    @Test
    void message_isAJsonPostToTheAgentsMessagesSignedByItsKey() {
        HttpMessage request = requests.message(agent, "{\"messageId\":\"m-1\"}");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.targetUri()).isEqualTo(URI.create("https://relay.example/v1/agents/scout/messages"));
        assertThat(request.field("content-type")).contains("application/json");
        assertThat(request.body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"messageId\":\"m-1\"}");
        assertThat(verify(request)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void message_whenTheVaultHasNoKeyForTheAgent_throwsNamingIt() {
        assertThatThrownBy(() -> requests.message(AgentId.of("nobody"), "{\"messageId\":\"m-1\"}"))
                .isInstanceOf(UnknownAgentException.class).hasMessageContaining("nobody");
    }

    @Test
    void inboxRead_isABodilessGetWhoseSignatureCoversThePageAskedFor() {
        HttpMessage read = requests.inboxRead(agent, 5, 10);

        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.targetUri()).isEqualTo(URI.create("https://relay.example/v1/agents/scout/inbox?after=5&limit=10"));
        assertThat(read.body()).isEmpty();
        assertThat(verify(read)).isInstanceOf(Verification.Verified.class);
        HttpMessage earlierPage = new HttpMessage(read.method(),
                URI.create("https://relay.example/v1/agents/scout/inbox?after=0&limit=10"), read.fields(), read.body());
        assertThat(verify(earlierPage)).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void inboxRead_whenThePageIsOutOfRange_throwsNamingTheBounds() {
        assertThatThrownBy(() -> requests.inboxRead(agent, -1, 10)).hasMessageContaining("expected a sequence number from 0");
        assertThatThrownBy(() -> requests.inboxRead(agent, 0, 0)).hasMessageContaining("expected 1 to 100");
        assertThatThrownBy(() -> requests.inboxRead(agent, 0, 101)).hasMessageContaining("expected 1 to 100");
    }

    private Verification verify(HttpMessage request) {
        AgentPublicKey expected = key.publicKey();
        return new RequestVerifier(keyId -> keyId.equals(expected.did()) ? Optional.of(expected) : Optional.empty(), CLOCK)
                .verify(request);
    }

    /** A vault holding one agent's key, handing out a fresh copy per read as a real vault does. */
    private record OneKeyVault(AgentId owner, AgentKey key) implements KeyVault {

        @Override
        public void create(AgentId agent, AgentKey key) {
            throw new UnsupportedOperationException("create");
        }

        @Override
        public Optional<AgentKey> current(AgentId agent) {
            return agent.equals(owner) ? Optional.of(AgentKey.fromSeed(key.seed())) : Optional.empty();
        }

        @Override
        public Optional<AgentKey> previous(AgentId agent) {
            return Optional.empty();
        }

        @Override
        public void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next) {
            throw new UnsupportedOperationException("rotate");
        }

        @Override
        public void delete(AgentId agent) {
            throw new UnsupportedOperationException("delete");
        }
    }
}
