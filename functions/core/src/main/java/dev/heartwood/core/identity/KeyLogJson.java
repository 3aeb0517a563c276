package dev.heartwood.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** The JSON form of key log entries, shared by every store, the relay protocol and backups. */
public final class KeyLogJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyLogJson() {
    }

    public static ObjectNode toNode(KeyLogEntry entry) {
        ObjectNode node = JSON.createObjectNode()
                .put("agentId", entry.agent().value())
                .put("sequence", entry.sequence())
                .put("kind", entry.kind().name().toLowerCase(Locale.ROOT))
                .put("key", entry.key().did())
                .put("previousHash", entry.previousHash())
                .put("createdAt", entry.createdAt().toString());
        ArrayNode signatures = node.putArray("signatures");
        for (KeyLogEntry.EntrySignature signature : entry.signatures()) {
            signatures.addObject().put("keyId", signature.keyId())
                    .put("signature", Base64.getEncoder().encodeToString(signature.signature()));
        }
        return node;
    }

    public static String toJson(KeyLogEntry entry) {
        return toNode(entry).toString();
    }

    /** @throws IdentityException naming the source and the field that is wrong */
    public static KeyLogEntry parse(String json, String source) {
        try {
            return fromNode(JSON.readTree(json), source);
        } catch (IOException e) {
            throw new IdentityException(source + ": key log entry is not valid JSON");
        }
    }

    public static KeyLogEntry fromNode(JsonNode node, String source) {
        try {
            List<KeyLogEntry.EntrySignature> signatures = new ArrayList<>();
            for (JsonNode signature : required(node, "signatures", source)) {
                signatures.add(new KeyLogEntry.EntrySignature(text(signature, "keyId", source),
                        Base64.getDecoder().decode(text(signature, "signature", source))));
            }
            return new KeyLogEntry(
                    AgentId.of(text(node, "agentId", source)),
                    required(node, "sequence", source).asLong(-1),
                    KeyLogEntry.Kind.valueOf(text(node, "kind", source).toUpperCase(Locale.ROOT)),
                    AgentPublicKey.fromDid(text(node, "key", source)),
                    text(node, "previousHash", source),
                    Instant.parse(text(node, "createdAt", source)),
                    signatures);
        } catch (IdentityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IdentityException(source + ": malformed key log entry: " + e.getMessage(), e);
        }
    }

    public static List<KeyLogEntry> parseAll(List<String> lines, String source) {
        return lines.stream().map(line -> parse(line, source)).toList();
    }

    private static JsonNode required(JsonNode node, String field, String source) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new IdentityException(source + ": key log entry lacks " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field, String source) {
        return required(node, field, source).asText();
    }
}
