package dev.heartwood.core.identity.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.UnknownAgentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportKeyTest {

    private static final AgentId AGENT = AgentId.of("agent-7f3a");
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dir;

    private final InMemoryKeyVault vault = new InMemoryKeyVault();
    private final AgentKey key = AgentKey.generate();
    private final ExportKey export = new ExportKey(vault, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void run_whenOpenedWithReferenceAge_yieldsTheKeyDocument() throws IOException {
        vault.create(AGENT, key);
        Path identity = ReferenceAge.keygen(dir, "id");
        Path file = Files.write(dir.resolve("export.age"),
                export.run(AGENT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(identity)))));

        KeyDocument opened = KeyDocument.parse(ReferenceAge.decrypt(identity, file), "age -d output");

        assertThat(opened.agent()).isEqualTo(AGENT);
        assertThat(opened.key().publicKey()).isEqualTo(key.publicKey());
        assertThat(opened.createdAt()).isEqualTo(NOW);
        byte[] message = "same identity after the move".getBytes(StandardCharsets.UTF_8);
        assertThat(key.publicKey().verifies(message, opened.key().sign(message))).isTrue();
    }

    @Test
    void run_withTwoRecipients_opensWithEitherIdentity() throws IOException {
        vault.create(AGENT, key);
        Path first = ReferenceAge.keygen(dir, "first");
        Path second = ReferenceAge.keygen(dir, "second");
        Path file = Files.write(dir.resolve("export.age"), export.run(AGENT, List.of(
                AgeRecipient.parse(ReferenceAge.recipientOf(first)),
                AgeRecipient.parse(ReferenceAge.recipientOf(second)))));

        for (Path identity : List.of(first, second)) {
            KeyDocument opened = KeyDocument.parse(ReferenceAge.decrypt(identity, file), "age -d -i " + identity);
            assertThat(opened.key().publicKey()).isEqualTo(key.publicKey());
        }
    }

    @Test
    void run_neverContainsThePrivateKeyInPlaintext() {
        vault.create(AGENT, key);
        Path identity = ReferenceAge.keygen(dir, "id");

        byte[] exported = export.run(AGENT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(identity))));

        byte[] seed = key.seed();
        String text = new String(exported, StandardCharsets.ISO_8859_1);
        assertThat(new String(exported, 0, 22, StandardCharsets.US_ASCII)).isEqualTo("age-encryption.org/v1\n");
        assertThat(text)
                .doesNotContain(new String(seed, StandardCharsets.ISO_8859_1))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(seed))
                .doesNotContain(HexFormat.of().formatHex(seed))
                .doesNotContain("privateKey")
                .doesNotContain(AGENT.value());
    }

    @Test
    void run_whenAgentHasNoKey_throwsUnknownAgent() {
        Path identity = ReferenceAge.keygen(dir, "id");
        List<AgeRecipient> to = List.of(AgeRecipient.parse(ReferenceAge.recipientOf(identity)));

        assertThatThrownBy(() -> export.run(AGENT, to))
                .isInstanceOf(UnknownAgentException.class)
                .hasMessageContaining(AGENT.value());
    }

    @Test
    void run_withoutRecipients_rejectsNamingTheField() {
        vault.create(AGENT, key);

        assertThatThrownBy(() -> export.run(AGENT, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipients: expected at least one age X25519 recipient 'age1…'");
    }

    @Test
    void run_thenImportElsewhere_movesTheSameIdentity() {
        vault.create(AGENT, key);
        Path identity = ReferenceAge.keygen(dir, "id");
        byte[] exported = export.run(AGENT, List.of(AgeRecipient.parse(ReferenceAge.recipientOf(identity))));
        InMemoryKeyVault otherRegion = new InMemoryKeyVault();

        ImportResult result = new ImportKey(otherRegion)
                .run(AGENT, exported, AgeIdentity.parse(ReferenceAge.identityText(identity)));

        assertThat(result).isEqualTo(new ImportResult.Created(AGENT, key.publicKey().did(), key.publicKey().fingerprint()));
        assertThat(otherRegion.current(AGENT).orElseThrow().publicKey()).isEqualTo(key.publicKey());
    }
}
