package dev.heartwood.core.identity.transfer;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import java.util.Objects;

/** What an import did, naming the key by its did:key and the fingerprint people compare between machines. */
public sealed interface ImportResult permits ImportResult.Created, ImportResult.AlreadyPresent {

    AgentId agent();

    String did();

    String fingerprint();

    /** The vault had no key for the agent and now holds the imported one. */
    record Created(AgentId agent, String did, String fingerprint) implements ImportResult {
        public Created {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(did, "did");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        static Created of(AgentId agent, AgentPublicKey key) {
            return new Created(agent, key.did(), key.fingerprint());
        }
    }

    /** The vault already held this very key, so nothing was written: importing twice is safe. */
    record AlreadyPresent(AgentId agent, String did, String fingerprint) implements ImportResult {
        public AlreadyPresent {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(did, "did");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        static AlreadyPresent of(AgentId agent, AgentPublicKey key) {
            return new AlreadyPresent(agent, key.did(), key.fingerprint());
        }
    }
}
