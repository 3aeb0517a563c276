package dev.heartwood.core.identity.transfer;

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
 * A {@link KeyVault} in a map, proven honest by {@link InMemoryKeyVaultTest}. It stores seeds and
 * hands out fresh key objects, as a real vault that decrypts on every read does, so a caller that
 * destroys what it was given cannot corrupt the store. {@link #writes()} lets tests prove that a
 * refused operation wrote nothing.
 */
class InMemoryKeyVault implements KeyVault {

    private final Map<AgentId, byte[]> current = new HashMap<>();
    private final Map<AgentId, byte[]> previous = new HashMap<>();
    private int writes;

    @Override
    public synchronized void create(AgentId agent, AgentKey key) {
        if (current.containsKey(agent)) {
            throw new KeyConflictException("agent " + agent + " already has a key in memory");
        }
        current.put(agent, key.seed());
        writes++;
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
        AgentKey now = current(agent).orElseThrow(() -> new UnknownAgentException(agent, "memory"));
        if (!now.publicKey().equals(expectedCurrent)) {
            throw new KeyConflictException("agent " + agent + " has key " + now.publicKey() + ", not " + expectedCurrent);
        }
        previous.put(agent, current.get(agent));
        current.put(agent, next.seed());
        writes++;
    }

    @Override
    public synchronized void delete(AgentId agent) {
        current.remove(agent);
        previous.remove(agent);
        writes++;
    }

    synchronized int writes() {
        return writes;
    }
}
