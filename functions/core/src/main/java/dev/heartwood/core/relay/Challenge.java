package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A single-use nonce issued by the relay. Signing {@link #bytesToSign()} proves the registrant
 * holds the private key, and because the relay chose the nonce the proof cannot be replayed.
 */
public record Challenge(AgentId agent, String nonce, Instant expiresAt) {

    public Challenge {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{16,128}")) {
            throw new IllegalArgumentException("challenge nonce must be 16-128 base64url characters");
        }
    }

    public byte[] bytesToSign() {
        return ("heartwood-relay-challenge/1\n" + agent.value() + "\n" + nonce + "\n" + expiresAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
