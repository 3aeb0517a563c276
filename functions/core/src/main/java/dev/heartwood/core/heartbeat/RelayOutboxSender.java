package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestSigner;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts outbox messages to the relay as RFC 9421-signed requests. Each send signs afresh (new
 * nonce, fresh expiry) but keeps the body, and with it the message id, so a retry is the same
 * message to the relay and is delivered once.
 */
public final class RelayOutboxSender implements OutboxSender {

    static final Duration SIGNATURE_LIFETIME = Duration.ofMinutes(5);

    private final KeyVault vault;
    private final Relay relay;
    private final URI relayBase;
    private final Clock clock;

    public RelayOutboxSender(KeyVault vault, Relay relay, URI relayBase, Clock clock) {
        this.vault = vault;
        this.relay = relay;
        this.relayBase = relayBase;
        this.clock = clock;
    }

    @Override
    public Receipt send(OutboxMessage message) {
        AgentKey key = vault.current(message.agent()).orElseThrow(() -> new UnknownAgentException(message.agent(), "the key vault"));
        try {
            HttpMessage request = HttpMessage.of("POST",
                    URI.create(relayBase + "/v1/agents/" + message.agent() + "/messages"),
                    message.body().getBytes(StandardCharsets.UTF_8)).withField("content-type", "application/json");
            return relay.post(new RequestSigner(key, clock, SIGNATURE_LIFETIME).sign(request).message());
        } finally {
            key.destroy();
        }
    }
}
