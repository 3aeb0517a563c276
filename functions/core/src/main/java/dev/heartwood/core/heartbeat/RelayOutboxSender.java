package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRequests;
import java.net.URI;
import java.time.Clock;

/**
 * Posts outbox messages to the relay as RFC 9421-signed requests. Each send signs afresh (new
 * nonce, fresh expiry) but keeps the body, and with it the message id, so a retry is the same
 * message to the relay and is delivered once.
 */
public final class RelayOutboxSender implements OutboxSender {

    private final KeyVault vault;
    private final RelayRequests requests;
    private final Relay relay;

    public RelayOutboxSender(KeyVault vault, Relay relay, URI relayBase, Clock clock) {
        this.vault = vault;
        this.requests = new RelayRequests(vault, relayBase, clock);
        this.relay = relay;
    }

    /**
     * Reads the agent's current key once and lets it go: a vault that caches keys (as the AWS
     * vaults do) then serves the send's read from its cache, and the check a stale cache needs
     * (a DescribeSecret) has happened in the caller's wave instead of in front of the post.
     */
    @Override
    public void prepare(AgentId agent) {
        vault.current(agent).ifPresent(AgentKey::destroy);
    }

    @Override
    public Receipt send(OutboxMessage message) {
        return relay.post(requests.message(message.agent(), message.body()));
    }
}
