package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.signature.StructuredFields.ByteSequence;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Member;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Content-Digest} field of RFC 9530: a dictionary from algorithm to the digest of the
 * body, e.g. {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}. A signature covers
 * this field rather than the body itself, so checking it is what binds the body to the signature.
 */
public final class ContentDigest {

    public static final String FIELD = "content-digest";
    /** The algorithms RFC 9530 registers as active; the others there (md5, sha, crc32c ...) are insecure or not digests. */
    private static final Map<String, String> SUPPORTED = Map.of("sha-256", "SHA-256", "sha-512", "SHA-512");

    private ContentDigest() {
    }

    /** The field value for this body: its SHA-256, the algorithm we send. */
    public static String sha256(byte[] body) {
        Map<String, Member> value = Map.of("sha-256", new Item(new ByteSequence(digest("SHA-256", body)), List.of()));
        return StructuredFields.serializeDictionary(value);
    }

    /**
     * Why the message's body does not match its {@code Content-Digest}, or empty when it does.
     * Every sha-256 and sha-512 entry must match; entries in other algorithms are ignored, but at
     * least one supported entry must be present.
     */
    public static Optional<String> findMismatch(HttpMessage message) {
        Optional<String> field = message.field(FIELD);
        if (field.isEmpty()) {
            return Optional.of("missing Content-Digest");
        }
        Map<String, Member> entries;
        try {
            entries = StructuredFields.parseDictionary("Content-Digest", field.get());
        } catch (MessageSignatureException e) {
            return Optional.of(e.getMessage());
        }
        byte[] body = message.body();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Member> entry : entries.entrySet()) {
            String jdkName = SUPPORTED.get(entry.getKey());
            if (jdkName == null) {
                continue;
            }
            if (!(entry.getValue() instanceof Item item) || !(item.value() instanceof ByteSequence expected)) {
                return Optional.of("malformed Content-Digest: " + entry.getKey() + " is not a byte sequence");
            }
            if (!MessageDigest.isEqual(expected.bytes(), digest(jdkName, body))) {
                return Optional.of("body does not match Content-Digest (" + entry.getKey() + ")");
            }
            checked.add(entry.getKey());
        }
        if (checked.isEmpty()) {
            return Optional.of("Content-Digest has no supported algorithm (got "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet()))
                    + "; supported: sha-256, sha-512)");
        }
        return Optional.empty();
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
