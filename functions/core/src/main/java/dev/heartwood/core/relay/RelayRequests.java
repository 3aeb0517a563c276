package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An agent's requests to the relay (docs/relay-protocol.md), signed per RFC 9421 with its current
 * key from the vault. Every call signs afresh (new nonce, fresh expiry), and the key is read for
 * that one signature and destroyed straight after.
 */
public final class RelayRequests {

    static final Duration SIGNATURE_LIFETIME = Duration.ofMinutes(5);

    private final KeyVault vault;
    private final URI base;
    private final Clock clock;

    /** @param base the relay's base URL, as the agent was given it; a trailing slash is ignored */
    public RelayRequests(KeyVault vault, URI base, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.base = URI.create(Objects.requireNonNull(base, "base").toString().replaceAll("/+$", ""));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code POST {base}/v1/agents/{agent}/messages} with {@code body}, a JSON message carrying its
     * {@code messageId}.
     *
     * @throws UnknownAgentException if the vault holds no key for the agent
     */
    public HttpMessage message(AgentId agent, String body) {
        HttpMessage request = HttpMessage.of("POST", agentUri(agent, "messages"), body.getBytes(StandardCharsets.UTF_8))
                .withField("content-type", "application/json");
        return signed(agent, request);
    }

    private URI agentUri(AgentId agent, String endpoint) {
        return URI.create(base + "/v1/agents/" + agent.value() + "/" + endpoint);
    }

    private HttpMessage signed(AgentId agent, HttpMessage request) {
        AgentKey key = vault.current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the key vault"));
        try {
            return new RequestSigner(key, clock, SIGNATURE_LIFETIME).sign(request).message();
        } finally {
            key.destroy();
        }
    }

    @Override
    public String toString() {
        return "RelayRequests[" + base + "]";
    }
}
