package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.AgentKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs an agent's outbound requests the Heartwood way: adds {@code Content-Digest} (SHA-256 of
 * the body) and an Ed25519 signature {@code sig1} over {@code @method}, {@code @target-uri} and
 * {@code content-digest}, with {@code created}, {@code expires = created + lifetime}, a random
 * {@code nonce}, {@code keyid} = the agent's {@code did:key} and {@code alg="ed25519"}.
 * {@link RequestVerifier} checks exactly this profile.
 */
public final class RequestSigner {

    /** 128 bits: enough that two signatures never share a nonce by chance. */
    private static final int NONCE_BYTES = 16;

    private final AgentKey key;
    private final Clock clock;
    private final Duration lifetime;

    /** @param lifetime how long a signature stays valid; at least one second (RFC 9421 counts whole seconds) */
    public RequestSigner(AgentKey key, Clock clock, Duration lifetime) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime == null || lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("signature lifetime must be at least 1 second, got " + lifetime);
        }
        this.lifetime = Duration.ofSeconds(lifetime.toSeconds());
    }

    /**
     * @return the message with {@code Content-Digest}, {@code Signature-Input} and {@code Signature}
     *     set (replacing any it had), and what was signed
     * @throws IllegalStateException if the key was destroyed
     */
    public SignedMessage sign(HttpMessage message) {
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        HttpMessage withDigest = message.withField(ContentDigest.FIELD, ContentDigest.sha256(message.body()));
        SignatureParameters parameters = new SignatureParameters(HeartwoodProfile.COMPONENTS, created,
                created.plus(lifetime), nonce(), key.publicKey().did(), HeartwoodProfile.ALGORITHM);
        return MessageSignatures.sign(withDigest, HeartwoodProfile.LABEL, parameters, key);
    }

    private static String nonce() {
        // A new SecureRandom per call, not a field: Lambda SnapStart restores every instance from
        // one memory snapshot, and a generator seeded before the snapshot would hand each of them
        // the same "random" nonces. A fresh instance is seeded after the restore.
        byte[] bytes = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "RequestSigner[" + key.publicKey().did() + ", lifetime " + lifetime + "]";
    }
}
