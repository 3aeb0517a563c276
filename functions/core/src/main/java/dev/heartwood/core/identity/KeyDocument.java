package dev.heartwood.core.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The JSON form of a stored key, shared by every vault:
 * {@code {"format":"heartwood-key/1","algorithm":"Ed25519","agentId":…,"keyId":"did:key:…",
 * "createdAt":…,"publicKey":base64,"privateKey":base64}}.
 *
 * <p>Parsing checks everything a corrupted or tampered document could get wrong, including that
 * the private key really derives the stated public key, and its errors name the field and the
 * source but never quote the document: it holds the private key.
 */
public record KeyDocument(AgentId agent, AgentKey key, Instant createdAt) {

    static final String FORMAT = "heartwood-key/1";
    static final String ALGORITHM = "Ed25519";
    private static final ObjectMapper JSON = new ObjectMapper();

    public KeyDocument {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The document as UTF-8 JSON bytes; the caller clears them after use. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode()
                .put("format", FORMAT)
                .put("algorithm", ALGORITHM)
                .put("agentId", agent.value())
                .put("keyId", key.publicKey().did())
                .put("createdAt", createdAt.toString())
                .put("publicKey", key.publicKey().base64());
        byte[] seed = key.seed();
        try {
            node.put("privateKey", Base64.getEncoder().encodeToString(seed));
            return node.toString().getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * @param source names where the bytes came from, for the error message (e.g. a secret's name)
     * @throws KeyFormatException naming the field that is missing or wrong
     */
    public static KeyDocument parse(byte[] json, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which holds the key: keep only where it broke.
            throw new KeyFormatException(source + ": corrupt key JSON (not valid JSON near "
                    + (e.getLocation() == null ? "the start" : "line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()) + ")");
        } catch (java.io.IOException e) {
            throw new KeyFormatException(source + ": corrupt key JSON (unreadable)");
        }
        if (node == null || !node.isObject()) {
            throw new KeyFormatException(source + ": corrupt key JSON (expected an object)");
        }
        String format = text(node, "format", source);
        if (!FORMAT.equals(format)) {
            throw new KeyFormatException(source + ": unsupported key format '" + format + "', expected " + FORMAT);
        }
        String algorithm = text(node, "algorithm", source);
        if (!ALGORITHM.equals(algorithm)) {
            throw new KeyFormatException(source + ": wrong key type '" + algorithm + "', expected " + ALGORITHM);
        }
        AgentId agent;
        try {
            agent = AgentId.of(text(node, "agentId", source));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source + ": field agentId: " + e.getMessage());
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(node, "createdAt", source));
        } catch (DateTimeParseException e) {
            throw new KeyFormatException(source + ": field createdAt is not an ISO-8601 instant");
        }
        byte[] seed = base64(node, "privateKey", source);
        AgentKey key;
        try {
            key = AgentKey.fromSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source + ": field privateKey: " + e.getMessage());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        byte[] publicKey = base64(node, "publicKey", source);
        if (!key.publicKey().equals(safePublicKey(publicKey, source))) {
            key.destroy();
            throw new KeyFormatException(source + ": privateKey does not match publicKey (corrupt or tampered key)");
        }
        if (!key.publicKey().did().equals(text(node, "keyId", source))) {
            key.destroy();
            throw new KeyFormatException(source + ": keyId does not match publicKey (corrupt or tampered key)");
        }
        return new KeyDocument(agent, key, createdAt);
    }

    private static AgentPublicKey safePublicKey(byte[] raw, String source) {
        try {
            return AgentPublicKey.fromRaw(raw);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source + ": field publicKey: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new KeyFormatException(source + ": corrupt key JSON (missing field " + field + ")");
        }
        if (!value.isTextual()) {
            throw new KeyFormatException(source + ": corrupt key JSON (field " + field + " must be a string)");
        }
        return value.asText();
    }

    private static byte[] base64(JsonNode node, String field, String source) {
        try {
            return Base64.getDecoder().decode(text(node, field, source));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source + ": field " + field + " is not base64");
        }
    }

    @Override
    public String toString() {
        return "KeyDocument[" + agent + ", " + key.publicKey().did() + ", created " + createdAt + "]";
    }
}
