package dev.heartwood.core.identity.signature;

import java.time.Instant;
import java.util.Objects;

/** What checking a received message's signature found. Handle it with an exhaustive {@code switch}. */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    /**
     * The signature is valid, fresh and covers this body. Under the Heartwood profile
     * ({@link RequestVerifier}) every field is set; {@link MessageSignatures#verify} leaves
     * {@code nonce} and {@code expires} null when the signature has none.
     *
     * @param nonce for the caller's replay check: this class does not remember nonces
     */
    record Verified(String keyId, String nonce, Instant created, Instant expires) implements Verification {
        public Verified {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(created, "created");
        }
    }

    /** @param reason what was wrong, for logs and the error response; never contains key material */
    record Rejected(String reason) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
