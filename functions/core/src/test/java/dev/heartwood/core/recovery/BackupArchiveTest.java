package dev.heartwood.core.recovery;

import static dev.heartwood.core.recovery.BackupFixtures.AGENT;
import static dev.heartwood.core.recovery.BackupFixtures.METADATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.transfer.AgeFile;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.memory.redaction.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {

    @TempDir
    Path dir;

    private final AgentKey key = AgentKey.generate();
    private final List<BackupEntry> entries = BackupFixtures.entries(key);
    private final TrustedSigners trusted = TrustedSigners.keys(AGENT, List.of(key.publicKey()));
    private Path identityFile;
    private AgeIdentity identity;
    private AgeRecipient recipient;

    @BeforeEach
    void identity() {
        identityFile = ReferenceTools.ageKeygen(dir, "id");
        identity = AgeIdentity.parse(ReferenceTools.read(identityFile));
        recipient = AgeRecipient.parse(ReferenceTools.ageRecipientOf(identityFile));
    }

    private SealedBackup seal(List<BackupEntry> contents) {
        return BackupArchive.seal(contents, METADATA, key, List.of(recipient), Redactor.standard());
    }

    private static List<BackupEntry> sorted(List<BackupEntry> contents) {
        return contents.stream().sorted((a, b) -> a.path().compareTo(b.path())).toList();
    }

    @Test
    void seal_thenOpen_returnsEveryEntryAndTheManifest() {
        SealedBackup sealed = seal(entries);

        OpenedBackup opened = BackupArchive.open(sealed.manifestFile(), sealed.archive(), trusted, identity);

        assertThat(opened.entries()).containsExactlyElementsOf(sorted(entries));
        assertThat(opened.manifest()).isEqualTo(sealed.manifest());
        assertThat(opened.manifest().metadata()).isEqualTo(METADATA);
        assertThat(sealed.archiveName()).isEqualTo("agent-7f3a-hot-20261122T090000Z.tar.age");
        assertThat(sealed.manifestName()).isEqualTo("agent-7f3a-hot-20261122T090000Z.manifest.json");
    }

    @Test
    void open_trustingTheKeyLog_acceptsABackupOfTheCurrentKey() {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, Instant.parse("2026-11-01T08:00:00Z")));
        SealedBackup sealed = seal(entries);

        OpenedBackup opened = BackupArchive.open(sealed.manifestFile(), sealed.archive(),
                TrustedSigners.keyLog(log, key.publicKey()), identity);

        assertThat(opened.entries()).hasSize(entries.size());
    }

    @Test
    void seal_whenReferenceAgeDecryptsAndGnuTarReads_givesEveryEntry() throws IOException {
        SealedBackup sealed = seal(entries);
        Files.write(dir.resolve(sealed.archiveName()), sealed.archive());
        Path out = Files.createDirectory(dir.resolve("out"));

        ReferenceTools.Output listing = ReferenceTools.run(dir, "sh", "-c", "age -d -i id.txt " + sealed.archiveName() + " | tar -tv");
        ReferenceTools.run(dir, "sh", "-c", "age -d -i id.txt " + sealed.archiveName() + " | tar -x -C out");

        assertThat(listing.text().lines()).hasSize(entries.size()).allSatisfy(line ->
                assertThat(line).startsWith("-rw------- 0/0").contains("2026-11-22 09:00"));
        for (BackupEntry entry : entries) {
            assertThat(listing.text()).contains(" " + entry.path() + "\n");
            assertThat(out.resolve(entry.path())).as(entry.path()).hasBinaryContent(entry.content());
        }
    }

    @Test
    void open_ofAGnuTarEncryptedByReferenceAge_returnsItsFiles() throws IOException {
        Path source = Files.createDirectory(dir.resolve("source"));
        List<String> command = new ArrayList<>(List.of("tar", "--format=ustar", "-cf", "../plain.tar"));
        for (BackupEntry entry : entries) {
            Files.createDirectories(source.resolve(entry.path()).getParent());
            Files.write(source.resolve(entry.path()), entry.content());
            command.add(entry.path());
        }
        ReferenceTools.run(source, command.toArray(String[]::new));
        ReferenceTools.run(dir, "age", "-r", recipient.value(), "-o", "plain.tar.age", "plain.tar");
        byte[] archive = Files.readAllBytes(dir.resolve("plain.tar.age"));
        SealedBackup described = BackupArchive.sign(entries, METADATA, archive, key);

        OpenedBackup opened = BackupArchive.open(described.manifestFile(), archive, trusted, identity);

        assertThat(opened.entries()).containsExactlyElementsOf(sorted(entries));
    }

    @Test
    void seal_toTwoRecipients_opensWithEitherIdentity() {
        Path otherFile = ReferenceTools.ageKeygen(dir, "other");
        AgeIdentity other = AgeIdentity.parse(ReferenceTools.read(otherFile));
        SealedBackup sealed = BackupArchive.seal(entries, METADATA, key,
                List.of(recipient, AgeRecipient.parse(ReferenceTools.ageRecipientOf(otherFile))), Redactor.standard());

        for (AgeIdentity each : List.of(identity, other)) {
            assertThat(BackupArchive.open(sealed.manifestFile(), sealed.archive(), trusted, each).entries()).hasSize(entries.size());
        }
    }

    @Test
    void seal_twiceInAnyOrder_givesTheSameTarAndManifestApartFromTheArchiveDigest() {
        List<BackupEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);

        SealedBackup first = seal(entries);
        SealedBackup second = seal(reversed);

        assertThat(first.archive()).isNotEqualTo(second.archive());
        assertThat(AgeFile.decrypt(first.archive(), identity, "first"))
                .isEqualTo(AgeFile.decrypt(second.archive(), identity, "second"));
        String firstSha = first.manifest().archive().sha256();
        String secondSha = second.manifest().archive().sha256();
        assertThat(new String(ManifestJson.canonical(first.manifest()), StandardCharsets.UTF_8).replace(firstSha, secondSha))
                .isEqualTo(new String(ManifestJson.canonical(second.manifest()), StandardCharsets.UTF_8));
    }

    @Test
    void seal_neverPutsEntryContentInTheManifest() {
        String canary = "CANARY-3b9f-the-tank-is-behind-the-shed";
        List<BackupEntry> withCanary = new ArrayList<>(entries);
        withCanary.add(BackupEntry.of("memory/memory/2026-11-21.md", "# 2026-11-21\n\n" + canary + "\n"));

        SealedBackup sealed = seal(withCanary);

        assertThat(new String(sealed.manifestFile(), StandardCharsets.UTF_8)).doesNotContain(canary, "greenhouse")
                .contains("memory/memory/2026-11-21.md");
        assertThat(new String(sealed.archive(), StandardCharsets.ISO_8859_1)).doesNotContain(canary, "greenhouse");
    }

    @Test
    void seal_whenAMemoryEntryHoldsAnAwsKey_refusesNamingThePathAndTypeButNotTheKey() {
        List<BackupEntry> leaky = new ArrayList<>(entries);
        leaky.set(1, BackupEntry.of("memory/MEMORY.md", "# Memory\n\n- deploy with AKIAIOSFODNN7EXAMPLE\n"));

        assertThatThrownBy(() -> seal(leaky))
                .isInstanceOfSatisfying(SecretInBackupException.class, e -> assertThat(e.findings()).containsOnlyKeys("memory/MEMORY.md"))
                .hasMessageContaining("memory/MEMORY.md (aws-access-key ×1 on line 3)")
                .hasMessageNotContaining("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void seal_whenAMemoryEntryHoldsAPrivateKeyPem_refusesNamingThePathAndType() {
        String body = "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC";
        List<BackupEntry> leaky = new ArrayList<>(entries);
        leaky.add(BackupEntry.of("memory/TOOLS.md", "# Tools\n\n-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n"));

        assertThatThrownBy(() -> seal(leaky))
                .isInstanceOf(SecretInBackupException.class)
                .hasMessageContaining("memory/TOOLS.md (private-key ×1 on line 3)")
                .hasMessageNotContaining(body);
    }

    @Test
    void seal_whenTheSourceHoldsASecret_refusesNamingTheSource() {
        BackupMetadata metadata = new BackupMetadata(AGENT, BackupTier.COLD, METADATA.createdAt(),
                "aws eu-west-1 with AKIAIOSFODNN7EXAMPLE");

        assertThatThrownBy(() -> BackupArchive.seal(entries, metadata, key, List.of(recipient), Redactor.standard()))
                .isInstanceOf(SecretInBackupException.class)
                .hasMessageContaining("in source (aws-access-key ×1 on line 1)");
    }

    @Test
    void seal_withTwoEntriesOfOnePathOrNoRecipient_refuses() {
        List<BackupEntry> twice = List.of(BackupEntry.of("memory/SOUL.md", "a"), BackupEntry.of("memory/SOUL.md", "b"));

        assertThatThrownBy(() -> seal(twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entries: path memory/SOUL.md occurs twice");
        assertThatThrownBy(() -> BackupArchive.seal(entries, METADATA, key, List.of(), Redactor.standard()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("recipients:");
    }
}
