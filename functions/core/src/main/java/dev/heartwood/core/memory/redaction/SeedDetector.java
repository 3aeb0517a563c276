package dev.heartwood.core.memory.redaction;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 private keys written out raw: 32 bytes as 64 hex digits or as 43/44 base64 characters.
 * SHA-256 digests, public keys and nonces have exactly the same shapes, so a value counts only
 * when the nearest telling word in its label is a secret one ("seed", "private", "secret",
 * "signing", "sk") rather than a public one ("public", "sha256", "digest", "hash", "commit" …).
 * The agent's own seed is caught anywhere, without context, as a canary.
 */
final class SeedDetector implements Detector {

    private static final Pattern HEX = Pattern.compile("(?<![A-Za-z0-9])(?:0x)?([0-9A-Fa-f]{64})(?![A-Za-z0-9])");
    private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/_-])([A-Za-z0-9+/_-]{43}=?)(?![A-Za-z0-9+/_=-])");
    // The left boundary is case-sensitive so camelCase names count (agentSeed, signingKey) while
    // words that merely contain the letters (reseed, whisk) do not.
    private static final Pattern TELLING_WORD = Pattern.compile(
            "(?<![a-z])(?i:(seed|priv|secret|signing|sk(?![a-z]))"
                    + "|(pub|pk(?![a-z])|sha(?:-?[0-9]+)?(?![a-z])|digest|hash|checksum|commit|fingerprint|signature|etag|nonce))");
    private static final int CONTEXT = 100;
    private static final int SEED_BYTES = 32;

    @Override
    public void find(String text, List<Match> found) {
        Matcher hex = HEX.matcher(text);
        while (hex.find()) {
            if (Entropy.characterClasses(hex.group(1)) >= 2 && secretContext(text, hex.start())) {
                found.add(new Match(hex.start(1), hex.end(1), SecretType.ED25519_SEED));
            }
        }
        Matcher base64 = BASE64.matcher(text);
        while (base64.find()) {
            String value = base64.group(1);
            if (decodesToSeed(value) && Entropy.characterClasses(value) >= 2 && secretContext(text, base64.start())) {
                found.add(new Match(base64.start(1), base64.end(1), SecretType.ED25519_SEED));
            }
        }
    }

    private static boolean decodesToSeed(String value) {
        boolean standard = value.indexOf('+') >= 0 || value.indexOf('/') >= 0;
        boolean url = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
        if (standard && url) {
            return false;
        }
        try {
            byte[] bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(value);
            return bytes.length == SEED_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** True if the last telling word of the value's label is a secret one. */
    private static boolean secretContext(String text, int start) {
        Matcher word = TELLING_WORD.matcher(Context.labelBefore(text, start, CONTEXT));
        boolean secret = false;
        while (word.find()) {
            secret = word.group(1) != null;
        }
        return secret;
    }
}
