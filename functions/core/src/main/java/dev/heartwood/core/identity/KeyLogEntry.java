package dev.heartwood.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One link of an agent's key log. Each entry names the hash of the one before, so the log is a
 * chain that anyone holding the genesis key can check, and each is signed by the keys it speaks
 * for: a genesis by its key, a rotation by the outgoing and the incoming key (so neither can be
 * forged alone), a revocation by the key it revokes.
 *
 * @param key the key this entry introduces (genesis, rotate) or ends (revoke)
 * @param signatures over {@link #canonical()}: genesis and revoke one, rotate two (old key first)
 */
public record KeyLogEntry(
        AgentId agent, long sequence, Kind kind, AgentPublicKey key, String previousHash, Instant createdAt,
        List<EntrySignature> signatures) {

    public static final String GENESIS_PREVIOUS = "0".repeat(64);

    public enum Kind {
        GENESIS, ROTATE, REVOKE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A signature by the key whose did:key is {@code keyId}. */
    public record EntrySignature(String keyId, byte[] signature) {
        public EntrySignature {
            Objects.requireNonNull(keyId, "keyId");
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EntrySignature that && keyId.equals(that.keyId)
                    && MessageDigest.isEqual(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return keyId.hashCode();
        }

        @Override
        public String toString() {
            return keyId + ":" + Base64.getEncoder().encodeToString(signature);
        }
    }

    public KeyLogEntry {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sequence < 0) {
            throw new IllegalArgumentException("key log sequence must be 0 or more, got " + sequence);
        }
        if (previousHash == null || !previousHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("key log previousHash must be 64 hex digits");
        }
        signatures = List.copyOf(signatures);
    }

    /** The exact bytes that are signed and hashed: a fixed, line-based text, so every implementation agrees. */
    public byte[] canonical() {
        return ("heartwood-keylog/1\n"
                + "agent=" + agent.value() + "\n"
                + "sequence=" + sequence + "\n"
                + "kind=" + kind.word() + "\n"
                + "key=" + key.did() + "\n"
                + "previous=" + previousHash + "\n"
                + "created=" + createdAt + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 over the canonical text and the signatures: the next entry's {@code previousHash}. */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical());
            for (EntrySignature signature : signatures) {
                sha.update((signature.keyId() + "=" + Base64.getEncoder().encodeToString(signature.signature) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code signer} signed this entry. */
    boolean signedBy(AgentPublicKey signer) {
        return signatures.stream().anyMatch(s -> s.keyId().equals(signer.did())
                && signer.verifies(canonical(), s.signature));
    }

    static KeyLogEntry signed(AgentId agent, long sequence, Kind kind, AgentPublicKey key, String previousHash,
            Instant createdAt, List<AgentKey> signers) {
        KeyLogEntry unsigned = new KeyLogEntry(agent, sequence, kind, key, previousHash, createdAt, List.of());
        byte[] canonical = unsigned.canonical();
        List<EntrySignature> signatures = signers.stream()
                .map(signer -> new EntrySignature(signer.publicKey().did(), signer.sign(canonical)))
                .toList();
        return new KeyLogEntry(agent, sequence, kind, key, previousHash, createdAt, signatures);
    }
}
