package dev.heartwood.core.identity.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImportKeyTest {

    private static final AgentId AGENT = AgentId.of("agent-a");
    private static final AgentId OTHER_AGENT = AgentId.of("agent-b");

    @TempDir
    Path dir;

    private final AgentKey key = AgentKey.generate();
    private final InMemoryKeyVault vault = new InMemoryKeyVault();
    private final ImportKey importKey = new ImportKey(vault);
    private Path identityFile;
    private AgeIdentity identity;
    private AgeRecipient recipient;

    @BeforeEach
    void identity() {
        identityFile = ReferenceAge.keygen(dir, "id");
        identity = AgeIdentity.parse(ReferenceAge.identityText(identityFile));
        recipient = AgeRecipient.parse(ReferenceAge.recipientOf(identityFile));
    }

    @Test
    void run_whenReferenceAgeEncryptedTheDocument_createsTheKey() throws IOException {
        Path document = Files.write(dir.resolve("doc.json"), new KeyDocument(AGENT, key, Instant.now()).toJson());
        Path encrypted = dir.resolve("in.age");
        ReferenceAge.encrypt(recipient.value(), document, encrypted, false);

        ImportResult result = importKey.run(AGENT, Files.readAllBytes(encrypted), identity);

        assertThat(result).isInstanceOf(ImportResult.Created.class);
        assertThat(result.did()).isEqualTo(key.publicKey().did());
        assertThat(result.fingerprint()).isEqualTo(key.publicKey().fingerprint());
        assertThat(vault.current(AGENT).orElseThrow().publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void run_whenReferenceAgeArmoredTheDocument_createsTheKey() throws IOException {
        Path document = Files.write(dir.resolve("doc.json"), new KeyDocument(AGENT, key, Instant.now()).toJson());
        Path encrypted = dir.resolve("in.age");
        ReferenceAge.encrypt(recipient.value(), document, encrypted, true);

        ImportResult result = importKey.run(AGENT, Files.readAllBytes(encrypted), identity);

        assertThat(result).isInstanceOf(ImportResult.Created.class);
        assertThat(vault.current(AGENT).orElseThrow().publicKey()).isEqualTo(key.publicKey());
    }

    /** Each case turns this test's fixture into a file that must be refused with the reason shown. */
    static Stream<Arguments> badFiles() {
        Function<ImportKeyTest, byte[]> wrongIdentity = t -> t.exportOf(AGENT, t.key,
                AgeRecipient.parse(ReferenceAge.recipientOf(ReferenceAge.keygen(t.dir, "someone-else"))));
        Function<ImportKeyTest, byte[]> truncated = t -> cut(t.goodExport(), 10);
        Function<ImportKeyTest, byte[]> headerOnly = t -> Arrays.copyOf(t.goodExport(), 40);
        Function<ImportKeyTest, byte[]> flippedPayloadByte = t -> flip(t.goodExport(), -20);
        Function<ImportKeyTest, byte[]> flippedHeaderMac = t -> flip(t.goodExport(), "\n--- ".length() + 3);
        Function<ImportKeyTest, byte[]> plaintextDocument = t -> new KeyDocument(AGENT, t.key, Instant.now()).toJson();
        Function<ImportKeyTest, byte[]> otherAgentsKey = t -> t.exportOf(OTHER_AGENT, t.key, t.recipient);
        Function<ImportKeyTest, byte[]> encryptedNotAKey = t -> t.encryptedWithReferenceAge("{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                Arguments.of("wrong identity", wrongIdentity, "export file: not encrypted to this identity"),
                Arguments.of("truncated", truncated, "export file: truncated or tampered export (authentication failed)"),
                Arguments.of("cut inside header", headerOnly, "export file: truncated or tampered export (authentication failed)"),
                Arguments.of("flipped payload byte", flippedPayloadByte, "export file: truncated or tampered export"),
                Arguments.of("flipped header MAC", flippedHeaderMac, "export file: truncated or tampered export"),
                Arguments.of("plaintext key document", plaintextDocument, "export file: not an age file"),
                Arguments.of("empty", (Function<ImportKeyTest, byte[]>) t -> new byte[0], "export file: empty file, not an age file"),
                Arguments.of("encrypted, but not a key", encryptedNotAKey, "export file: corrupt key JSON (missing field format)"),
                Arguments.of("agent id mismatch", otherAgentsKey,
                        "export file: holds the key of agent agent-b, not of agent agent-a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void run_whenFileIsBad_refusesWithTheReasonAndWritesNothing(String name, Function<ImportKeyTest, byte[]> file,
            String reason) {
        byte[] bytes = file.apply(this);

        assertThatThrownBy(() -> importKey.run(AGENT, bytes, identity))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith(reason)
                .hasMessageNotContaining(Base64.getEncoder().withoutPadding().encodeToString(key.seed()));
        assertThat(vault.current(AGENT)).isEmpty();
        assertThat(vault.writes()).isZero();
    }

    @Test
    void run_twice_isAlreadyPresentAndWritesOnce() {
        byte[] export = goodExport();
        importKey.run(AGENT, export, identity);

        ImportResult again = importKey.run(AGENT, export, identity);

        assertThat(again).isEqualTo(new ImportResult.AlreadyPresent(AGENT, key.publicKey().did(), key.publicKey().fingerprint()));
        assertThat(vault.writes()).isEqualTo(1);
    }

    @Test
    void run_whenAgentHasAnotherKey_refusesNamingBothAndKeepsTheOld() {
        AgentKey existing = AgentKey.generate();
        vault.create(AGENT, existing);
        byte[] export = goodExport();

        assertThatThrownBy(() -> importKey.run(AGENT, export, identity))
                .isInstanceOf(KeyConflictException.class)
                .hasMessageContaining(existing.publicKey().did())
                .hasMessageContaining(key.publicKey().did());
        assertThat(vault.current(AGENT).orElseThrow().publicKey()).isEqualTo(existing.publicKey());
        assertThat(vault.writes()).isEqualTo(1);
    }

    @Test
    void run_whenAnImportOfTheSameKeyWinsTheRace_isAlreadyPresent() {
        // The other writer stores the same key between this import's read and its create.
        InMemoryKeyVault racing = new InMemoryKeyVault() {
            @Override
            public synchronized void create(AgentId agent, AgentKey k) {
                if (writes() == 0) {
                    super.create(agent, AgentKey.fromSeed(key.seed()));
                }
                super.create(agent, k);
            }
        };

        ImportResult result = new ImportKey(racing).run(AGENT, goodExport(), identity);

        assertThat(result).isInstanceOf(ImportResult.AlreadyPresent.class);
        assertThat(racing.writes()).isEqualTo(1);
    }

    @Test
    void run_withTheBareSecretKey_opensTheExport() {
        String bare = ReferenceAge.identityText(identityFile).lines()
                .filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();

        ImportResult result = importKey.run(AGENT, goodExport(), AgeIdentity.parse(bare));

        assertThat(result).isInstanceOf(ImportResult.Created.class);
    }

    @Test
    void run_withAnIdentityFileOfSeveralKeys_opensAFileForAnyOfThem() {
        Path second = ReferenceAge.keygen(dir, "second");
        byte[] toSecond = exportOf(AGENT, key, AgeRecipient.parse(ReferenceAge.recipientOf(second)));
        AgeIdentity both = AgeIdentity.parse(ReferenceAge.identityText(identityFile) + ReferenceAge.identityText(second));

        assertThat(importKey.run(AGENT, toSecond, both)).isInstanceOf(ImportResult.Created.class);
    }

    private byte[] encryptedWithReferenceAge(byte[] plaintext) {
        try {
            Path in = Files.write(dir.resolve("plain.json"), plaintext);
            Path out = dir.resolve("plain.age");
            ReferenceAge.encrypt(recipient.value(), in, out, false);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] goodExport() {
        return exportOf(AGENT, key, recipient);
    }

    private byte[] exportOf(AgentId agent, AgentKey k, AgeRecipient to) {
        InMemoryKeyVault source = new InMemoryKeyVault();
        source.create(agent, k);
        return new ExportKey(source).run(agent, List.of(to));
    }

    private static byte[] cut(byte[] bytes, int fromEnd) {
        return Arrays.copyOf(bytes, bytes.length - fromEnd);
    }

    /** Flips one bit: a negative offset counts from the end, a positive one from the header MAC line. */
    private static byte[] flip(byte[] bytes, int offset) {
        byte[] copy = bytes.clone();
        int macLine = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\n--- ");
        assertThat(macLine).as("header MAC line").isPositive();
        copy[offset < 0 ? bytes.length + offset : macLine + offset] ^= 1;
        return copy;
    }
}
