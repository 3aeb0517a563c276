package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys whose signature on a manifest of one agent's backup is believed: either a set of keys
 * registered out of band, accepted whenever the backup was made, or an agent's key log checked
 * against the genesis key the verifier trusts, each key accepted for backups made while it was
 * the current one (from the entry that introduced it until the rotation or revocation that ended
 * it). A manifest's time is the signer's claim, so the log stops a retired key from signing
 * backups dated after its retirement, not from back-dating one.
 */
public final class TrustedSigners {

    private record Window(AgentPublicKey key, Instant from, Instant until) {
    }

    private final AgentId agent;
    private final List<Window> windows;

    private TrustedSigners(AgentId agent, List<Window> windows) {
        this.agent = agent;
        this.windows = List.copyOf(windows);
    }

    /** These keys, for backups of any time, e.g. the one key the relay has registered for the agent. */
    public static TrustedSigners keys(AgentId agent, Collection<AgentPublicKey> keys) {
        Objects.requireNonNull(agent, "agent");
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("trusted keys: expected at least one public key of agent " + agent);
        }
        return new TrustedSigners(agent, keys.stream().map(key -> new Window(Objects.requireNonNull(key, "key"), null, null))
                .toList());
    }

    /**
     * Every key of the log, each for its own time.
     *
     * @throws IdentityException if the log does not check out against {@code trustedGenesis}, naming the broken entry
     */
    public static TrustedSigners keyLog(KeyLog log, AgentPublicKey trustedGenesis) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(trustedGenesis, "trustedGenesis");
        if (log.verify(trustedGenesis) instanceof KeyLog.Broken broken) {
            throw new IdentityException("the key log of agent " + log.agent() + " is broken at entry " + broken.sequence()
                    + ": " + broken.reason() + "; no backup signature can be checked against it");
        }
        List<Window> windows = new ArrayList<>();
        List<KeyLogEntry> entries = log.entries();
        for (int i = 0; i < entries.size(); i++) {
            KeyLogEntry entry = entries.get(i);
            if (entry.kind() != KeyLogEntry.Kind.REVOKE) {
                Instant until = i + 1 < entries.size() ? entries.get(i + 1).createdAt() : null;
                windows.add(new Window(entry.key(), entry.createdAt(), until));
            }
        }
        return new TrustedSigners(log.agent(), windows);
    }

    public AgentId agent() {
        return agent;
    }

    /** Why {@code key} may not sign a backup made at {@code at}, or empty if it may. */
    Optional<String> refusal(AgentPublicKey key, Instant at) {
        List<Window> ofKey = windows.stream().filter(window -> window.key().equals(key)).toList();
        if (ofKey.isEmpty()) {
            return Optional.of("signed by " + key.did() + " (" + key.fingerprint() + "), which is not a trusted key of agent "
                    + agent);
        }
        for (Window window : ofKey) {
            boolean started = window.from() == null || !at.isBefore(window.from());
            boolean ended = window.until() != null && !at.isBefore(window.until());
            if (started && !ended) {
                return Optional.empty();
            }
        }
        Window first = ofKey.get(0);
        return Optional.of("signed by " + key.did() + ", a key of agent " + agent + " current from " + first.from()
                + (first.until() == null ? "" : " until " + first.until()) + ", but the backup is dated " + at);
    }

    @Override
    public String toString() {
        return "TrustedSigners[" + agent + ", " + windows.size() + " key" + (windows.size() == 1 ? "" : "s") + "]";
    }
}
