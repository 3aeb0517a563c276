package dev.heartwood.core.identity.signature;

import java.util.List;

/**
 * How Heartwood agents sign: one Ed25519 signature labelled {@code sig1} that covers the method,
 * the full target URI and the body's digest, with created, expires, nonce, keyid and alg. Kept
 * in one place so {@link RequestSigner} and {@link RequestVerifier} agree by construction.
 */
final class HeartwoodProfile {

    static final String LABEL = "sig1";
    static final List<String> COMPONENTS = List.of("@method", "@target-uri", ContentDigest.FIELD);
    static final String ALGORITHM = "ed25519";

    private HeartwoodProfile() {
    }
}
