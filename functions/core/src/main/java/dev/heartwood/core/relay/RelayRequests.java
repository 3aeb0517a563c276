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

    /**
     * {@code GET {base}/v1/agents/{agent}/inbox?after={after}&limit={limit}}: the messages after
     * sequence {@code after}, at most {@code limit}. The query is part of the signed target, so the
     * relay answers exactly the page the agent asked for. Like every signed request it carries the
     * {@code Content-Digest} of its body, here the empty one: one signature profile for posts and
     * reads, and a body slipped onto a read fails verification.
     *
     * @throws IllegalArgumentException if after is negative or limit is not 1 to {@link InboxPage#MAX_LIMIT}
     * @throws UnknownAgentException if the vault holds no key for the agent
     */
    public HttpMessage inboxRead(AgentId agent, long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("inbox read after " + after + ": expected a sequence number from 0");
        }
        if (limit < 1 || limit > InboxPage.MAX_LIMIT) {
            throw new IllegalArgumentException("inbox read limit " + limit + ": expected 1 to " + InboxPage.MAX_LIMIT);
        }
        URI target = URI.create(agentUri(agent, "inbox") + "?after=" + after + "&limit=" + limit);
        return signed(agent, HttpMessage.of("GET", target, new byte[0]));
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
