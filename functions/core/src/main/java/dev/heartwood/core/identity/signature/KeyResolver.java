package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.AgentPublicKey;
import java.util.Optional;

/**
 * Finds the public key a signature names in its {@code keyid}. Deciding which keys to trust
 * (a registry of agents, a key log) is the resolver's job; the verifier only checks the maths.
 */
@FunctionalInterface
public interface KeyResolver {

    /** @return empty if no trusted key has this id */
    Optional<AgentPublicKey> byKeyId(String keyId);
}
