package dev.heartwood.core.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An agent's key history: genesis, then rotations, possibly ended by a revocation. Built from
 * stored entries and checked with {@link #verify}; new entries are made here so they always link.
 */
public record KeyLog(AgentId agent, List<KeyLogEntry> entries) {

    public KeyLog {
        entries = List.copyOf(entries);
    }

    public static KeyLog empty(AgentId agent) {
        return new KeyLog(agent, List.of());
    }

    /** The result of checking the whole chain. */
    public sealed interface Verification permits Valid, Broken {
    }

    /** Every link holds; {@code current} is the key that may sign now, empty once revoked. */
    public record Valid(Optional<AgentPublicKey> current, int length) implements Verification {
    }

    /** The chain breaks at {@code sequence}, for {@code reason}. */
    public record Broken(long sequence, String reason) implements Verification {
    }

    /** Starts a log for a fresh key, signed by that key. */
    public static KeyLogEntry genesis(AgentId agent, AgentKey key, Instant at) {
        return KeyLogEntry.signed(agent, 0, KeyLogEntry.Kind.GENESIS, key.publicKey(), KeyLogEntry.GENESIS_PREVIOUS, at,
                List.of(key));
    }

    /** The next entry, handing over from {@code current} (which must be the log's current key) to {@code next}. */
    public KeyLogEntry rotation(AgentKey current, AgentKey next, Instant at) {
        requireCurrent(current.publicKey());
        return KeyLogEntry.signed(agent, entries.size(), KeyLogEntry.Kind.ROTATE, next.publicKey(), head().hash(), at,
                List.of(current, next));
    }

    /** The entry that ends the log: from then on no key of this agent is accepted. */
    public KeyLogEntry revocation(AgentKey current, Instant at) {
        requireCurrent(current.publicKey());
        return KeyLogEntry.signed(agent, entries.size(), KeyLogEntry.Kind.REVOKE, current.publicKey(), head().hash(), at,
                List.of(current));
    }

    public KeyLog append(KeyLogEntry entry) {
        List<KeyLogEntry> longer = new ArrayList<>(entries);
        longer.add(entry);
        return new KeyLog(agent, longer);
    }

    /** The key allowed to sign now, if the log is non-empty and not revoked (not a verification: see {@link #verify}). */
    public Optional<AgentPublicKey> currentKey() {
        if (entries.isEmpty() || head().kind() == KeyLogEntry.Kind.REVOKE) {
            return Optional.empty();
        }
        return Optional.of(head().key());
    }

    public Optional<AgentPublicKey> genesisKey() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0).key());
    }

    /**
     * The current key of a log that checks out against its own genesis key: what the agent's own
     * tools use before extending the log, so a damaged log is never built upon.
     *
     * @throws IdentityException naming the broken entry, or saying the log is empty or revoked
     */
    public AgentPublicKey requireCurrentKey() {
        AgentPublicKey genesis = genesisKey().orElseThrow(() ->
                new IdentityException("agent " + agent + " has no key log (never initialised): run `heartwood init " + agent + "`"));
        return switch (verify(genesis)) {
            case Valid valid -> valid.current().orElseThrow(() ->
                    new IdentityException("agent " + agent + ": its key was revoked; no key may sign for it"));
            case Broken broken -> throw new IdentityException("the key log of agent " + agent + " is broken at entry "
                    + broken.sequence() + ": " + broken.reason());
        };
    }

    /**
     * Checks every link against a genesis key the verifier already trusts (registered with the
     * relay, or printed by {@code heartwood keys public}): sequence, hash chain, kinds and signatures.
     */
    public Verification verify(AgentPublicKey trustedGenesis) {
        if (entries.isEmpty()) {
            return new Broken(0, "the key log is empty");
        }
        AgentPublicKey current = null;
        String previousHash = KeyLogEntry.GENESIS_PREVIOUS;
        for (int i = 0; i < entries.size(); i++) {
            KeyLogEntry entry = entries.get(i);
            String problem = problem(entry, i, current, previousHash, trustedGenesis);
            if (problem != null) {
                return new Broken(i, problem);
            }
            current = entry.kind() == KeyLogEntry.Kind.REVOKE ? null : entry.key();
            previousHash = entry.hash();
        }
        return new Valid(Optional.ofNullable(current), entries.size());
    }

    private String problem(KeyLogEntry entry, int index, AgentPublicKey current, String previousHash,
            AgentPublicKey trustedGenesis) {
        if (!entry.agent().equals(agent)) {
            return "entry belongs to agent " + entry.agent() + ", not " + agent;
        }
        if (entry.sequence() != index) {
            return "sequence " + entry.sequence() + " where " + index + " was expected";
        }
        if (!entry.previousHash().equals(previousHash)) {
            return "previous hash does not match entry " + (index - 1) + " (the chain was altered)";
        }
        if (index == 0) {
            if (entry.kind() != KeyLogEntry.Kind.GENESIS) {
                return "the first entry is " + entry.kind() + ", not GENESIS";
            }
            if (!entry.key().equals(trustedGenesis)) {
                return "genesis key " + entry.key().did() + " is not the trusted " + trustedGenesis.did();
            }
            return entry.signedBy(entry.key()) ? null : "genesis is not signed by its key";
        }
        if (current == null) {
            return "entry after a revocation";
        }
        return switch (entry.kind()) {
            case GENESIS -> "a second GENESIS";
            case ROTATE -> !entry.signedBy(current) ? "rotation not signed by the outgoing key " + current.did()
                    : !entry.signedBy(entry.key()) ? "rotation not signed by the incoming key " + entry.key().did()
                    : null;
            case REVOKE -> !entry.key().equals(current) ? "revokes " + entry.key().did() + ", which is not current"
                    : !entry.signedBy(current) ? "revocation not signed by the revoked key" : null;
        };
    }

    private KeyLogEntry head() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("the key log of " + agent + " is empty: it needs a genesis first");
        }
        return entries.get(entries.size() - 1);
    }

    private void requireCurrent(AgentPublicKey key) {
        AgentPublicKey current = currentKey().orElseThrow(() ->
                new IdentityException("the key log of " + agent + " has no current key (empty or revoked)"));
        if (!current.equals(key)) {
            throw new KeyConflictException("agent " + agent + ": " + key.did() + " is not the current key "
                    + current.did() + " in the key log");
        }
    }
}
