package dev.heartwood.core.proof;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proof's key vault: seeds in memory, for agents that live only as long as one proof run. A
 * heartbeat only reads the key, so the vault is none of its boundaries; the embedded default's
 * file vault spends 100 ms of scrypt per signature, which would make a hundred seeds take an hour.
 * Like a real vault it hands out a fresh key object per read.
 */
public final class EphemeralKeyVault implements KeyVault {

    private final Map<AgentId, byte[]> current = new HashMap<>();
    private final Map<AgentId, byte[]> previous = new HashMap<>();

    @Override
    public synchronized void create(AgentId agent, AgentKey key) {
        if (current.containsKey(agent)) {
            throw new KeyConflictException("agent " + agent + " already has a key in the proof's vault");
        }
        current.put(agent, key.seed());
    }

    @Override
    public synchronized Optional<AgentKey> current(AgentId agent) {
        return Optional.ofNullable(current.get(agent)).map(AgentKey::fromSeed);
    }

    @Override
    public synchronized Optional<AgentKey> previous(AgentId agent) {
        return Optional.ofNullable(previous.get(agent)).map(AgentKey::fromSeed);
    }

    @Override
    public synchronized void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next) {
        AgentKey now = current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the proof's vault"));
        if (!now.publicKey().equals(expectedCurrent)) {
            throw new KeyConflictException("agent " + agent + " has key " + now.publicKey().did() + ", not "
                    + expectedCurrent.did());
        }
        previous.put(agent, current.get(agent));
        current.put(agent, next.seed());
    }

    @Override
    public synchronized void delete(AgentId agent) {
        current.remove(agent);
        previous.remove(agent);
    }

    @Override
    public String toString() {
        return "EphemeralKeyVault[" + current.size() + " agents]";
    }
}
