package dev.heartwood.core.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An agent's public Ed25519 key: its identity as others see it.
 *
 * <p>Its standard name is a {@code did:key}: {@code did:key:z} followed by the base58btc encoding
 * of the multicodec prefix {@code 0xed 0x01} and the 32 raw key bytes, so it always starts
 * {@code did:key:z6Mk}. Humans compare the shorter {@link #fingerprint()}.
 */
public final class AgentPublicKey {

    public static final int LENGTH = 32;
    private static final String DID_PREFIX = "did:key:z";
    private static final byte[] MULTICODEC_ED25519 = {(byte) 0xed, 0x01};
    /** DER SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410): the raw key follows. */
    private static final byte[] SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

    private final byte[] raw;

    private AgentPublicKey(byte[] raw) {
        this.raw = raw;
    }

    /** @throws IllegalArgumentException if the bytes are not a 32-byte Ed25519 public key */
    public static AgentPublicKey fromRaw(byte[] raw) {
        if (raw == null || raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is " + LENGTH + " bytes, got "
                    + (raw == null ? "none" : raw.length));
        }
        return new AgentPublicKey(raw.clone());
    }

    public static AgentPublicKey fromBase64(String base64) {
        try {
            return fromRaw(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** Parses {@code did:key:z6Mk...}; any other key type is rejected by name. */
    public static AgentPublicKey fromDid(String did) {
        if (did == null || !did.startsWith(DID_PREFIX)) {
            throw new IllegalArgumentException("not a did:key with a base58btc multibase value: " + did);
        }
        byte[] decoded = Base58.decode(did.substring(DID_PREFIX.length()));
        if (decoded.length != MULTICODEC_ED25519.length + LENGTH
                || decoded[0] != MULTICODEC_ED25519[0] || decoded[1] != MULTICODEC_ED25519[1]) {
            throw new IllegalArgumentException("did:key is not an Ed25519 key (multicodec 0xed01 + 32 bytes): " + did);
        }
        return new AgentPublicKey(Arrays.copyOfRange(decoded, 2, decoded.length));
    }

    /** Parses a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) holding an Ed25519 key. */
    public static AgentPublicKey fromPem(String pem) {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM public key is not valid base64", e);
        }
        if (der.length != SPKI_HEADER.length + LENGTH
                || !Arrays.equals(der, 0, SPKI_HEADER.length, SPKI_HEADER, 0, SPKI_HEADER.length)) {
            throw new IllegalArgumentException("PEM public key is not an Ed25519 SubjectPublicKeyInfo");
        }
        return new AgentPublicKey(Arrays.copyOfRange(der, SPKI_HEADER.length, der.length));
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    public String did() {
        byte[] multicodec = new byte[MULTICODEC_ED25519.length + LENGTH];
        System.arraycopy(MULTICODEC_ED25519, 0, multicodec, 0, MULTICODEC_ED25519.length);
        System.arraycopy(raw, 0, multicodec, MULTICODEC_ED25519.length, LENGTH);
        return DID_PREFIX + Base58.encode(multicodec);
    }

    /** DER SubjectPublicKeyInfo, the form the JDK's {@code X509EncodedKeySpec} and openssl read. */
    public byte[] spki() {
        byte[] der = new byte[SPKI_HEADER.length + LENGTH];
        System.arraycopy(SPKI_HEADER, 0, der, 0, SPKI_HEADER.length);
        System.arraycopy(raw, 0, der, SPKI_HEADER.length, LENGTH);
        return der;
    }

    public String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(spki()) + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The first 8 bytes of the key's SHA-256 as four hex groups, e.g. {@code 3f2a-91c0-5be7-0d44}:
     * short enough to read aloud when comparing two machines' view of an agent.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            String hex = HexFormat.of().formatHex(digest, 0, 8);
            return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** True only for a valid Ed25519 signature of exactly these bytes by this key. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature == null || signature.length != AgentKey.SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentPublicKey that && MessageDigest.isEqual(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return did();
    }
}
