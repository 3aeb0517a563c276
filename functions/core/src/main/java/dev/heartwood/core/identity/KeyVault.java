package dev.heartwood.core.identity;

import java.util.Optional;

/**
 * Where an agent's private key lives: a secret manager, a KMS-encrypted record, or an encrypted
 * file. Implementations never write the private key in plaintext and never put it in an
 * exception message.
 *
 * <p>Ownership: a vault never keeps an {@link AgentKey} object it was handed (it stores a copy),
 * and every key it returns is a fresh object the caller owns. Callers destroy keys when done.
 */
public interface KeyVault {

    /**
     * Stores the agent's first key.
     *
     * @throws KeyConflictException if the agent already has a key (nothing is overwritten)
     */
    void create(AgentId agent, AgentKey key);

    /**
     * The agent's current key.
     *
     * @return empty if the vault holds no key for this agent
     * @throws KeyFormatException if the stored key is unreadable (corrupt, wrong type or length, wrong passphrase)
     */
    Optional<AgentKey> current(AgentId agent);

    /** The key the last rotation replaced, kept so messages signed just before a rotation still verify. */
    Optional<AgentKey> previous(AgentId agent);

    /**
     * Makes {@code next} the current key and keeps the replaced one as {@link #previous}.
     *
     * @param expectedCurrent the public key the caller believes is current; guards against two
     *     rotations racing, where the loser would otherwise orphan the winner's key
     * @throws KeyConflictException if the current key is not {@code expectedCurrent}; nothing changes
     * @throws UnknownAgentException if the agent has no key
     */
    void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next);

    /** Removes every key of the agent; a no-op if there is none. */
    void delete(AgentId agent);
}
