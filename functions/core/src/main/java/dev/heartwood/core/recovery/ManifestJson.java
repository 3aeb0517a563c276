package dev.heartwood.core.recovery;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.recovery.BackupRejectedException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The manifest file: {@code {"manifest":{…},"signature":"…"}} and a newline, where the manifest
 * is canonical JSON (keys sorted at every level, no whitespace, integers for sizes, strings as
 * Jackson escapes them) and the signature is the base64 Ed25519 signature of exactly those bytes.
 * The writer embeds the canonical bytes verbatim; the reader checks every field by name, then
 * rebuilds the canonical bytes from what it parsed, so the signature covers what is used.
 */
final class ManifestJson {

    static final int MAX_FILE = 16 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> FILE_FIELDS = Set.of("manifest", "signature");
    private static final Set<String> MANIFEST_FIELDS = Set.of("agentId", "archive", "createdAt", "entries", "format",
            "merkleRoot", "signer", "source", "tier");
    private static final Set<String> ARCHIVE_FIELDS = Set.of("name", "sha256", "size");
    private static final Set<String> ENTRY_FIELDS = Set.of("path", "sha256", "size");
    private static final Set<String> SIGNER_FIELDS = Set.of("fingerprint", "keyId");

    /** A parsed manifest with the canonical bytes its signature must cover. Not yet verified. */
    record Signed(BackupManifest manifest, byte[] canonical, byte[] signature) {
    }

    private ManifestJson() {
    }

    static byte[] canonical(BackupManifest manifest) {
        ObjectNode node = JSON.createObjectNode();
        node.put("agentId", manifest.agent().value());
        node.putObject("archive").put("name", manifest.archive().name()).put("sha256", manifest.archive().sha256())
                .put("size", manifest.archive().size());
        node.put("createdAt", manifest.createdAt().toString());
        ArrayNode entries = node.putArray("entries");
        for (ManifestEntry entry : manifest.entries()) {
            entries.addObject().put("path", entry.path()).put("sha256", entry.sha256()).put("size", entry.size());
        }
        node.put("format", BackupManifest.FORMAT);
        node.put("merkleRoot", manifest.merkleRoot());
        node.putObject("signer").put("fingerprint", manifest.signer().fingerprint()).put("keyId", manifest.signer().did());
        node.put("source", manifest.source());
        node.put("tier", manifest.tier().label());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
        }
    }

    /** The manifest file, signed by {@code key}, which must be the manifest's signer. */
    static byte[] write(BackupManifest manifest, AgentKey key) {
        if (!key.publicKey().equals(manifest.signer())) {
            throw new IllegalArgumentException("the manifest names signer " + manifest.signer().did()
                    + " but is being signed by " + key.publicKey().did());
        }
        byte[] canonical = canonical(manifest);
        ByteArrayOutputStream file = new ByteArrayOutputStream(canonical.length + 128);
        file.writeBytes("{\"manifest\":".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(canonical);
        file.writeBytes((",\"signature\":\"" + Base64.getEncoder().encodeToString(key.sign(canonical)) + "\"}\n")
                .getBytes(StandardCharsets.US_ASCII));
        return file.toByteArray();
    }

    /** @throws BackupRejectedException ({@link Reason#MALFORMED_MANIFEST}) naming the field that is wrong */
    static Signed read(byte[] file) {
        if (file.length > MAX_FILE) {
            throw malformed("the file is " + file.length + " bytes, more than a manifest may be (" + MAX_FILE + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (IOException e) {
            String why = e instanceof JacksonException json ? json.getOriginalMessage() : e.getMessage();
            throw malformed("not valid JSON (" + why + ")");
        }
        fields(root, "", FILE_FIELDS);
        byte[] signature = signature(string(root, "signature"));
        JsonNode node = root.get("manifest");
        fields(node, "manifest", MANIFEST_FIELDS);
        String format = string(node, "manifest.format");
        if (!format.equals(BackupManifest.FORMAT)) {
            throw malformed("manifest.format '" + format + "' is not supported: this reader knows " + BackupManifest.FORMAT);
        }
        BackupManifest manifest = manifest(node);
        return new Signed(manifest, canonical(manifest), signature);
    }

    private static BackupManifest manifest(JsonNode node) {
        AgentId agent = field("manifest.agentId", () -> AgentId.of(string(node, "manifest.agentId")));
        BackupTier tier = field("manifest.tier", () -> BackupTier.parse(string(node, "manifest.tier")));
        Instant createdAt = field("manifest.createdAt", () -> Instant.parse(string(node, "manifest.createdAt")));
        String source = string(node, "manifest.source");
        String sourceProblem = BackupMetadata.sourceProblem(source);
        if (sourceProblem != null) {
            throw malformed("manifest.source " + sourceProblem);
        }
        JsonNode archive = node.get("archive");
        fields(archive, "manifest.archive", ARCHIVE_FIELDS);
        ArchiveDigest digest = field("manifest.archive", () -> new ArchiveDigest(string(archive, "manifest.archive.name"),
                number(archive, "manifest.archive.size"), string(archive, "manifest.archive.sha256")));
        List<ManifestEntry> entries = entries(node.get("entries"));
        String merkleRoot = string(node, "manifest.merkleRoot");
        JsonNode signer = node.get("signer");
        fields(signer, "manifest.signer", SIGNER_FIELDS);
        AgentPublicKey key = field("manifest.signer.keyId", () -> AgentPublicKey.fromDid(string(signer, "manifest.signer.keyId")));
        if (!key.fingerprint().equals(string(signer, "manifest.signer.fingerprint"))) {
            throw malformed("manifest.signer.fingerprint does not match manifest.signer.keyId (expected "
                    + key.fingerprint() + ")");
        }
        return field("manifest", () -> new BackupManifest(agent, tier, createdAt, source, digest, entries, merkleRoot, key));
    }

    private static List<ManifestEntry> entries(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw malformed("manifest.entries: expected an array");
        }
        List<ManifestEntry> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String where = "manifest.entries[" + i + "]";
            JsonNode entry = array.get(i);
            fields(entry, where, ENTRY_FIELDS);
            entries.add(field(where, () -> new ManifestEntry(string(entry, where + ".path"), number(entry, where + ".size"),
                    string(entry, where + ".sha256"))));
            if (i > 0 && entries.get(i - 1).path().compareTo(entries.get(i).path()) >= 0) {
                throw malformed(where + ".path: entries must be sorted by path, each path once");
            }
        }
        return entries;
    }

    private static byte[] signature(String text) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not base64");
        }
        // Java's decoder ignores stray low bits in the last character; one signature has one spelling.
        if (signature.length != AgentKey.SIGNATURE_LENGTH || !Base64.getEncoder().encodeToString(signature).equals(text)) {
            throw malformed("signature is not the padded base64 of a " + AgentKey.SIGNATURE_LENGTH + "-byte Ed25519 signature");
        }
        return signature;
    }

    /** Requires an object with exactly these fields, naming the first one missing or unknown. */
    private static void fields(JsonNode node, String where, Set<String> expected) {
        String name = where.isEmpty() ? "the manifest file" : where;
        if (node == null || !node.isObject()) {
            throw malformed(name + ": expected an object with " + new TreeSet<>(expected));
        }
        for (String field : new TreeSet<>(expected)) {
            if (!node.has(field)) {
                throw malformed(name + ": field " + field + " is missing");
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!expected.contains(field.getKey())) {
                throw malformed(name + ": unknown field " + BackupEntry.shown(field.getKey()));
            }
        }
    }

    private static String string(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || !value.isTextual()) {
            throw malformed(path + ": expected a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(path + ": expected a whole number");
        }
        return value.longValue();
    }

    private interface Parse<T> {
        T get();
    }

    /** Runs a conversion, turning its IllegalArgumentException (or bad time) into a rejection naming the field. */
    private static <T> T field(String path, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed(path + ": " + e.getMessage());
        }
    }

    private static BackupRejectedException malformed(String detail) {
        return new BackupRejectedException(Reason.MALFORMED_MANIFEST, detail);
    }
}
