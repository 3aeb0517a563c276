package dev.heartwood.core.recovery;

import static dev.heartwood.core.recovery.BackupFixtures.METADATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.recovery.BackupRejectedException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AgentKey KEY = AgentKey.fromSeed(new byte[32]);

    @TempDir
    Path dir;

    private static BackupManifest manifest(BackupMetadata metadata) {
        return BackupManifest.of(metadata, new ArchiveDigest(metadata.archiveName(), 2345, "ab".repeat(32)),
                BackupFixtures.entries(KEY), KEY.publicKey());
    }

    @Test
    void write_isCanonicalJson_keysSortedAtEveryLevelAndNoWhitespace() throws IOException {
        byte[] file = ManifestJson.write(manifest(METADATA), KEY);
        String text = new String(file, StandardCharsets.UTF_8);

        assertThat(text).startsWith("{\"manifest\":{\"agentId\":\"agent-7f3a\",\"archive\":{\"name\":"
                + "\"agent-7f3a-hot-20261122T090000Z.tar.age\",\"sha256\":\"abab").endsWith("\"}\n");
        assertThat(text.strip()).doesNotContain("\n", ": ", ", ", "\t");
        assertSortedKeys(JSON.readTree(file), "");
    }

    @Test
    void write_thenRead_givesTheSameManifestAndTheBytesItSigned() {
        BackupManifest manifest = manifest(METADATA);

        ManifestJson.Signed read = ManifestJson.read(ManifestJson.write(manifest, KEY));

        assertThat(read.manifest()).isEqualTo(manifest);
        assertThat(read.canonical()).isEqualTo(ManifestJson.canonical(manifest));
        assertThat(KEY.publicKey().verifies(read.canonical(), read.signature())).isTrue();
    }

    @Test
    void write_whenCheckedWithJqAndOpenssl_signatureVerifies() throws IOException {
        BackupMetadata metadata = new BackupMetadata(BackupFixtures.AGENT, BackupTier.COLD, BackupFixtures.CREATED,
                "embedded /home/josé/.heartwood");
        BackupManifest manifest = manifest(metadata);
        Files.write(dir.resolve("m.json"), ManifestJson.write(manifest, KEY));
        Files.writeString(dir.resolve("public.pem"), KEY.publicKey().pem());

        ReferenceTools.run(dir, "sh", "-c", "jq -j -c .manifest m.json > signed.bin && jq -r .signature m.json | base64 -d > sig.bin");
        ReferenceTools.Output verify = ReferenceTools.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "public.pem",
                "-rawin", "-in", "signed.bin", "-sigfile", "sig.bin");

        assertThat(dir.resolve("signed.bin")).hasBinaryContent(ManifestJson.canonical(manifest));
        assertThat(verify.text()).contains("Signature Verified Successfully");
    }

    @Test
    void write_withAKeyThatIsNotTheSigner_refuses() {
        AgentKey other = AgentKey.generate();

        assertThatThrownBy(() -> ManifestJson.write(manifest(METADATA), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names signer " + KEY.publicKey().did());
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                tree("agentId missing", m -> m.remove("agentId"), "manifest: field agentId is missing"),
                tree("unknown field", m -> m.put("content", "x"), "manifest: unknown field 'content'"),
                tree("format", m -> m.put("format", "heartwood-backup/2"),
                        "manifest.format 'heartwood-backup/2' is not supported: this reader knows heartwood-backup/1"),
                tree("agentId", m -> m.put("agentId", "Agent_7"), "manifest.agentId: agent id 'Agent_7' is not valid"),
                tree("tier", m -> m.put("tier", "warm"), "manifest.tier: backup tier 'warm' is not known: expected hot or cold"),
                tree("createdAt", m -> m.put("createdAt", "yesterday"), "manifest.createdAt: Text 'yesterday' could not be parsed"),
                tree("createdAt type", m -> m.put("createdAt", 1700000000), "manifest.createdAt: expected a string"),
                tree("source", m -> m.put("source", "two\nlines"),
                        "manifest.source holds a control or line-separator character"),
                tree("archive size", m -> ((ObjectNode) m.get("archive")).put("size", -1),
                        "manifest.archive: archive size must be positive, got -1"),
                tree("archive size type", m -> ((ObjectNode) m.get("archive")).put("size", "2345"),
                        "manifest.archive.size: expected a whole number"),
                tree("archive sha256", m -> ((ObjectNode) m.get("archive")).put("sha256", "AB".repeat(32)),
                        "manifest.archive: archive sha256 is not 64 lowercase hex digits"),
                tree("entries type", m -> m.put("entries", "all of them"), "manifest.entries: expected an array"),
                tree("entry sha256", m -> entry(m, 0).put("sha256", "00"),
                        "manifest.entries[0]: manifest entry chat/rows.jsonl: sha256 is not 64 lowercase hex digits"),
                tree("entry size", m -> entry(m, 1).put("size", 1.5), "manifest.entries[1].size: expected a whole number"),
                tree("entry path", m -> entry(m, 0).put("path", "../x"),
                        "manifest.entries[0]: manifest entry path '../x' is not allowed: '..' would escape the backup root"),
                tree("entry field", m -> entry(m, 2).put("content", "x"), "manifest.entries[2]: unknown field 'content'"),
                tree("entries order", m -> {
                    ArrayNode entries = (ArrayNode) m.get("entries");
                    JsonNode first = entries.remove(0);
                    entries.insert(1, first);
                }, "manifest.entries[1].path: entries must be sorted by path, each path once"),
                tree("merkleRoot", m -> m.put("merkleRoot", "root"), "manifest: merkleRoot is not 64 lowercase hex digits"),
                tree("keyId", m -> ((ObjectNode) m.get("signer")).put("keyId", "did:web:example.com"),
                        "manifest.signer.keyId: not a did:key"),
                tree("fingerprint", m -> ((ObjectNode) m.get("signer")).put("fingerprint", "0000-0000-0000-0000"),
                        "manifest.signer.fingerprint does not match manifest.signer.keyId"),
                text("signature missing", t -> t.replaceFirst(",\"signature\":\"[^\"]+\"", ""),
                        "the manifest file: field signature is missing"),
                text("signature not base64", t -> t.replaceFirst("\"signature\":\"[^\"]+\"", "\"signature\":\"!!\""),
                        "signature is not base64"),
                text("signature short", t -> t.replaceFirst("\"signature\":\"[^\"]+\"", "\"signature\":\"AAAA\""),
                        "signature is not the padded base64 of a 64-byte Ed25519 signature"),
                text("not JSON", t -> t.substring(0, 40), "not valid JSON"),
                text("trailing content", t -> t + "{}", "not valid JSON"),
                text("duplicate key", t -> t.replace("\"tier\":\"hot\"", "\"tier\":\"hot\",\"tier\":\"cold\""),
                        "not valid JSON (Duplicate field 'tier')"),
                text("not an object", t -> "[" + t + "]", "the manifest file: expected an object"),
                text("empty", t -> "", "the manifest file: expected an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFields")
    void read_whenAFieldIsWrong_rejectsAsMalformedNamingTheField(String name, UnaryOperator<String> change, String message) {
        byte[] file = change.apply(new String(ManifestJson.write(manifest(METADATA), KEY), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestJson.read(file))
                .isInstanceOfSatisfying(BackupRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MANIFEST))
                .hasMessageStartingWith("backup rejected, malformed manifest: ")
                .hasMessageContaining(message);
    }

    @Test
    void read_whenTheSignatureHasStrayLowBits_rejectsTheSecondSpelling() {
        String file = new String(ManifestJson.write(manifest(METADATA), KEY), StandardCharsets.UTF_8);
        int last = file.indexOf("==\"}") - 1;
        // The character before "==" carries 4 bits of the signature and 2 unused bits; set one unused bit.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char stray = alphabet.charAt(alphabet.indexOf(file.charAt(last)) ^ 1);
        byte[] respelled = (file.substring(0, last) + stray + file.substring(last + 1)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManifestJson.read(respelled)).hasMessageContaining("signature is not the padded base64");
    }

    private static Arguments tree(String name, Consumer<ObjectNode> change, String message) {
        UnaryOperator<String> apply = text -> {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(text);
                change.accept((ObjectNode) root.get("manifest"));
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        return Arguments.of(name, apply, message);
    }

    private static Arguments text(String name, UnaryOperator<String> change, String message) {
        return Arguments.of(name, change, message);
    }

    private static ObjectNode entry(ObjectNode manifest, int index) {
        return (ObjectNode) manifest.get("entries").get(index);
    }

    private static void assertSortedKeys(JsonNode node, String where) {
        if (node.isObject()) {
            List<String> names = node.properties().stream().map(Map.Entry::getKey).toList();
            assertThat(names).as("keys of %s", where.isEmpty() ? "the file" : where).isSorted();
            node.properties().forEach(field -> assertSortedKeys(field.getValue(), where + "." + field.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSortedKeys(node.get(i), where + "[" + i + "]");
            }
        }
    }
}
