package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.signature.MessageSignatures.Received;
import dev.heartwood.core.identity.signature.Verification.Rejected;
import dev.heartwood.core.identity.signature.Verification.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a received request against the profile {@link RequestSigner} produces: a {@code sig1}
 * signature covering {@code @method}, {@code @target-uri} and {@code content-digest}, with
 * {@code created}, {@code expires}, {@code nonce} and {@code keyid} (and {@code alg}, if present,
 * {@code ed25519}); created not in the future beyond the allowed clock skew, not yet expired, a
 * key the resolver knows, a valid Ed25519 signature, and a body matching {@code Content-Digest}.
 *
 * <p>It does not remember nonces: replay protection belongs to whoever keeps state (the relay),
 * using {@link Verified#nonce()} until {@link Verified#expires()}.
 */
public final class RequestVerifier {

    /** Tolerates senders whose clocks run a little ahead of ours. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

    private final KeyResolver keys;
    private final Clock clock;
    private final Duration allowedSkew;

    public RequestVerifier(KeyResolver keys, Clock clock) {
        this(keys, clock, DEFAULT_SKEW);
    }

    public RequestVerifier(KeyResolver keys, Clock clock, Duration allowedSkew) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (allowedSkew == null || allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowed clock skew must be zero or more, got " + allowedSkew);
        }
        this.allowedSkew = allowedSkew;
    }

    /**
     * Never throws for anything the message contains: every problem is a {@link Rejected} that
     * names it. Exceptions from the {@link KeyResolver} (a store being down) do propagate.
     */
    public Verification verify(HttpMessage message) {
        try {
            Received received = MessageSignatures.read(message, HeartwoodProfile.LABEL);
            SignatureParameters parameters = received.parameters();
            MessageSignatures.requireComponents(parameters, HeartwoodProfile.COMPONENTS);
            Optional<String> problem = profileProblem(parameters).or(() -> freshnessProblem(parameters));
            if (problem.isPresent()) {
                return new Rejected(problem.get());
            }
            return switch (MessageSignatures.checkSignature(message, received, keys)) {
                // Checked after the signature: the digest only means something once we know the
                // sender vouched for this Content-Digest value.
                case Verified verified -> ContentDigest.findMismatch(message).<Verification>map(Rejected::new)
                        .orElse(verified);
                case Rejected rejected -> rejected;
            };
        } catch (MessageSignatureException e) {
            return new Rejected(e.getMessage());
        }
    }

    private static Optional<String> profileProblem(SignatureParameters parameters) {
        if (parameters.expires() == null) {
            return Optional.of("missing parameter expires");
        }
        if (parameters.nonce() == null || parameters.nonce().isBlank()) {
            return Optional.of("missing parameter nonce");
        }
        if (!parameters.expires().isAfter(parameters.created())) {
            return Optional.of("expires " + parameters.expires() + " is not after created " + parameters.created());
        }
        return Optional.empty();
    }

    private Optional<String> freshnessProblem(SignatureParameters parameters) {
        Instant now = clock.instant();
        if (parameters.created().isAfter(now.plus(allowedSkew))) {
            return Optional.of("created in the future: created " + parameters.created() + ", now " + now);
        }
        if (now.isAfter(parameters.expires())) {
            return Optional.of("expired at " + parameters.expires());
        }
        return Optional.empty();
    }
}
