package dev.heartwood.core.identity;

import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import java.time.Clock;

/**
 * Replaces an agent's key while keeping its identity: the new key goes into the vault, a key log
 * entry signed by the old and the new key proves the hand-over, and the relay is told.
 *
 * <p>The vault is written first: a crash after it leaves the vault one key ahead of the log,
 * which the next run detects (the vault's previous key is the log's current) and completes with
 * the same two keys, instead of losing the new private key or minting a third.
 */
public final class RotateKey {

    /** The hand-over that was recorded; {@code resumed} when it finished an interrupted earlier run. */
    public record Rotated(AgentPublicKey from, AgentPublicKey to, boolean resumed, Registration registration) {
    }

    private final KeyVault vault;
    private final KeyLogStore keyLogs;
    private final Relay relay;
    private final Clock clock;

    public RotateKey(KeyVault vault, KeyLogStore keyLogs, Relay relay, Clock clock) {
        this.vault = vault;
        this.keyLogs = keyLogs;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * @throws UnknownAgentException if the agent has no key
     * @throws IdentityException if the key log has no current key (revoked) or disagrees with the vault
     */
    public Rotated run(AgentId agent) {
        AgentKey current = vault.current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the key vault"));
        KeyLog log = keyLogs.read(agent);
        AgentPublicKey logged = log.requireCurrentKey();
        try {
            if (!logged.equals(current.publicKey())) {
                return resume(agent, current, log, logged);
            }
            AgentKey next = AgentKey.generate();
            try {
                vault.rotate(agent, current.publicKey(), next);
                KeyLogEntry entry = log.rotation(current, next, clock.instant());
                keyLogs.append(entry);
                return new Rotated(current.publicKey(), next.publicKey(), false, relay.rotate(entry));
            } finally {
                next.destroy();
            }
        } finally {
            current.destroy();
        }
    }

    private Rotated resume(AgentId agent, AgentKey current, KeyLog log, AgentPublicKey logged) {
        AgentKey previous = vault.previous(agent).filter(p -> p.publicKey().equals(logged)).orElseThrow(() ->
                new IdentityException("agent " + agent + ": the vault's key " + current.publicKey().did()
                        + " is not in the key log, whose current key is " + logged.did()
                        + "; the vault holds no key that can prove the hand-over"));
        try {
            KeyLogEntry entry = log.rotation(previous, current, clock.instant());
            keyLogs.append(entry);
            return new Rotated(previous.publicKey(), current.publicKey(), true, relay.rotate(entry));
        } finally {
            previous.destroy();
        }
    }
}
