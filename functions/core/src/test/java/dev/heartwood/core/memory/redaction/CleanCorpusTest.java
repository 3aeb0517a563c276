package dev.heartwood.core.memory.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What must pass untouched: the project's own docs and templates, and ordinary markdown full of
 * digests, hashes and ids shaped like secrets. A detector that fires here would eat memory. If a
 * doc holds a secret-shaped example, fix the doc, not the detector.
 */
class CleanCorpusTest {

    /**
     * Secret-shaped examples the docs hold today, to be taken out of the doc rather than let through
     * by a weaker detector. Pinned by type and count: a new finding in the same file still fails,
     * and so does this entry once the doc is fixed, so it cannot outlive the example.
     */
    /** Docs allowed a finding, by file: none — a doc that needs a secret-shaped example must not quote one. */
    private static final Map<String, Map<SecretType, Integer>> KNOWN = Map.of();

    /** Tests run in functions/core; the repository root is two levels up. */
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    static Stream<Path> projectDocs() throws IOException {
        assertThat(REPO.resolve("README.md")).as("the repository root, seen from the core module").isRegularFile();
        List<Path> docs = new ArrayList<>();
        docs.addAll(markdownIn(REPO));
        docs.addAll(markdownIn(REPO.resolve("docs")));
        docs.addAll(markdownIn(REPO.resolve("events")));
        docs.addAll(markdownIn(REPO.resolve("functions/core/src/main/resources/templates")));
        // The shared design notes sit beside the checkout on the project machines; elsewhere they are absent.
        docs.addAll(markdownIn(REPO.resolveSibling("shared")));
        return docs.stream();
    }

    private static List<Path> markdownIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".md") && Files.isRegularFile(file)).sorted().toList();
        }
    }

    @Test
    void projectDocs_includeTheReadmeAndTheDocsFolder() throws IOException {
        // Guards the parameterized test below: an empty source would make it pass without checking anything.
        assertThat(projectDocs().map(path -> REPO.relativize(path).toString()))
                .contains("README.md", "docs/identity.md", "events/README.md");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectDocs")
    void redact_whenGivenAProjectDoc_findsNothing(Path doc) throws IOException {
        String text = Files.readString(doc);

        Map<SecretType, Integer> known = KNOWN.getOrDefault(REPO.relativize(doc).toString().replace('\\', '/'), Map.of());

        Redaction redaction = Redactor.standard().redact(text);

        assertThat(redaction.findings().stream().collect(Collectors.toMap(Finding::type, Finding::count)))
                .as("%s: %s", doc, where(redaction)).isEqualTo(known);
        if (known.isEmpty()) {
            assertThat(redaction.text()).isEqualTo(text);
        }
    }

    @Test
    void redact_whenGivenOrdinaryMarkdownFullOfLookalikes_findsNothing() throws IOException {
        String text;
        try (InputStream in = CleanCorpusTest.class.getResourceAsStream("/redaction/clean-corpus.md")) {
            assertThat(in).as("test resource redaction/clean-corpus.md").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Redaction redaction = Redactor.standard().redact(text);

        assertThat(redaction.findings()).as(where(redaction)).isEmpty();
        assertThat(redaction.text()).isEqualTo(text);
    }

    /** Lookalikes that need computing: real digests and real public keys, next to words that could mislead. */
    static Stream<String> computedLookalikes() throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("greenhouse".getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(digest);
        String base64 = Base64.getEncoder().encodeToString(digest);
        AgentKey key = AgentKey.generate();
        byte[] publicKey = key.publicKey().raw();
        byte[] commit = MessageDigest.getInstance("SHA-1").digest("commit".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                "sha256 of the backup: " + hex,
                "The seed phrase is in the vault; its SHA-256 is " + hex + ".",
                "secret rotation landed in commit " + HexFormat.of().formatHex(commit),
                "private notes, checksum " + hex.toUpperCase(java.util.Locale.ROOT),
                "Public key (base64): " + Base64.getEncoder().encodeToString(publicKey),
                "the agent's public key is " + Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey)
                        + ", its did:key " + key.publicKey().did(),
                "Content-Digest: sha-256=:" + base64 + ":",
                "the relay's nonce: " + Base64.getUrlEncoder().withoutPadding().encodeToString(digest),
                "the secret stays in the vault; this is only its digest: " + base64,
                "{\"secret_name\": \"scout/signing-key\",\n \"previous\": \"" + hex + "\"}",
                "AWS region eu-west-1, commit " + HexFormat.of().formatHex(commit) + " deployed",
                // AWS-secret-shaped (40 base64, mixed case, '/') with nothing around it saying what it is.
                "multipart upload id Zx3/" + new FakeSecrets(40).random(FakeSecrets.ALNUM, 36) + " completed",
                "{\"secret\": \"[redacted:secret-assignment]\", \"token\": \"[redacted:jwt]\"}");
    }

    @ParameterizedTest
    @MethodSource("computedLookalikes")
    void redact_whenGivenADigestOrPublicValue_findsNothing(String line) {
        Redaction redaction = Redactor.standard().redact(line);

        assertThat(redaction.findings()).as(where(redaction)).isEmpty();
    }

    /** File lines and types only: enough to find the culprit, and a test report never repeats a secret. */
    private static String where(Redaction redaction) {
        return redaction.findings().stream().map(finding -> finding.type().label() + " on lines " + finding.lines())
                .collect(Collectors.joining("; "));
    }
}
