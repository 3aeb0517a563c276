package dev.heartwood.core.identity;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An agent's Ed25519 key pair. The private part never leaves this object except through
 * {@link #seed()}, which vault adapters use to encrypt it; {@code toString} shows only the public
 * identity, and {@link #destroy()} zeroes the private bytes once the key is no longer needed.
 */
public final class AgentKey implements Destroyable {

    public static final int SEED_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] seed;
    private final AgentPublicKey publicKey;
    private volatile boolean destroyed;

    private AgentKey(byte[] seed) {
        this.seed = seed;
        this.publicKey = AgentPublicKey.fromRaw(new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    }

    /** A new key from a fresh {@link SecureRandom}, created at use so a restored snapshot never reuses randomness. */
    public static AgentKey generate() {
        byte[] seed = new byte[SEED_LENGTH];
        new SecureRandom().nextBytes(seed);
        return new AgentKey(seed);
    }

    /** Rebuilds a key from its 32-byte RFC 8032 private key (the "seed"); the caller's array is copied. */
    public static AgentKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is " + SEED_LENGTH + " bytes, got "
                    + (seed == null ? "none" : seed.length));
        }
        return new AgentKey(seed.clone());
    }

    public AgentPublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature (RFC 8032, pure) of these bytes. */
    public byte[] sign(byte[] message) {
        requireLive();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** A copy of the private key bytes, for a vault to encrypt. Clear it when done. */
    public byte[] seed() {
        requireLive();
        return seed.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(seed, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void requireLive() {
        if (destroyed) {
            throw new IllegalStateException("the key of " + publicKey.did() + " was destroyed");
        }
    }

    @Override
    public String toString() {
        return "AgentKey[" + publicKey.did() + ", private part redacted]";
    }
}
