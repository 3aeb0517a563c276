package dev.heartwood.core.identity;

import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import java.time.Clock;
import java.util.Optional;

/**
 * Gives an agent its identity: a new Ed25519 key in the vault, the genesis entry of its key log,
 * and a registration with the relay proven by signing the relay's challenge.
 *
 * <p>Safe to run again at any point: an agent that already has a key keeps it, a missing genesis
 * entry (a crash between the vault and the log) is written, and the registration is repeated,
 * which the relay treats as a no-op for the same key.
 */
public final class InitAgent {

    /** What {@link #run} did. */
    public sealed interface Outcome permits Created, AlreadyInitialized {
        AgentPublicKey key();

        Registration registration();
    }

    public record Created(AgentPublicKey key, Registration registration) implements Outcome {
    }

    public record AlreadyInitialized(AgentPublicKey key, Registration registration) implements Outcome {
    }

    private final KeyVault vault;
    private final KeyLogStore keyLogs;
    private final Relay relay;
    private final Clock clock;

    public InitAgent(KeyVault vault, KeyLogStore keyLogs, Relay relay, Clock clock) {
        this.vault = vault;
        this.keyLogs = keyLogs;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * @throws IdentityException if the vault and the key log disagree about who the agent is
     * @throws dev.heartwood.core.relay.RelayRejectedException if the relay refuses the registration
     */
    public Outcome run(AgentId agent) {
        Optional<AgentKey> existing = vault.current(agent);
        AgentKey key = existing.orElseGet(AgentKey::generate);
        try {
            if (existing.isEmpty()) {
                vault.create(agent, key);
            }
            KeyLog log = keyLogs.read(agent);
            if (log.entries().isEmpty()) {
                KeyLogEntry genesis = KeyLog.genesis(agent, key, clock.instant());
                keyLogs.append(genesis);
                log = log.append(genesis);
            } else {
                AgentPublicKey logged = log.requireCurrentKey();
                if (!key.publicKey().equals(logged)) {
                    throw new IdentityException("agent " + agent + ": the vault's key " + key.publicKey().did()
                            + " is not the key log's current key " + logged.did()
                            + "; run `heartwood keys rotate " + agent + "` to finish an interrupted rotation");
                }
            }
            Challenge challenge = relay.challenge(agent);
            Registration registration = relay.register(log, challenge, key.sign(challenge.bytesToSign()));
            return existing.isEmpty() ? new Created(key.publicKey(), registration)
                    : new AlreadyInitialized(key.publicKey(), registration);
        } finally {
            key.destroy();
        }
    }
}
