package dev.heartwood.core.recovery;

import static dev.heartwood.core.recovery.BackupFixtures.AGENT;
import static dev.heartwood.core.recovery.BackupFixtures.METADATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.transfer.AgeFile;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.recovery.BackupRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a backup can be wrong, each refused by {@link BackupArchive#open} with its own reason. */
class BackupArchiveTamperTest {

    @TempDir
    Path dir;

    private final AgentKey key = AgentKey.generate();
    private final List<BackupEntry> entries = BackupFixtures.entries(key);
    private final TrustedSigners trusted = TrustedSigners.keys(AGENT, List.of(key.publicKey()));
    private AgeIdentity identity;
    private AgeRecipient recipient;

    @BeforeEach
    void identity() {
        Path identityFile = ReferenceTools.ageKeygen(dir, "id");
        identity = AgeIdentity.parse(ReferenceTools.read(identityFile));
        recipient = AgeRecipient.parse(ReferenceTools.ageRecipientOf(identityFile));
    }

    private SealedBackup seal(List<BackupEntry> contents) {
        return BackupArchive.seal(contents, METADATA, key, List.of(recipient), Redactor.standard());
    }

    @Test
    void open_whenAnArchiveByteIsFlipped_rejectsAsArchiveHashMismatch() {
        SealedBackup sealed = seal(entries);
        byte[] archive = sealed.archive();

        for (int at : new int[] {0, 30, archive.length / 2, archive.length - 1}) {
            assertRejected(sealed.manifestFile(), flipped(archive, at), identity, Reason.ARCHIVE_HASH_MISMATCH,
                    "has SHA-256 ");
        }
    }

    @Test
    void open_whenTheArchiveIsTruncated_rejectsAsTruncated() {
        SealedBackup sealed = seal(entries);
        byte[] cut = Arrays.copyOf(sealed.archive(), sealed.archive().length - 100);

        assertRejected(sealed.manifestFile(), cut, identity, Reason.TRUNCATED_ARCHIVE,
                "is " + cut.length + " bytes, its manifest says " + sealed.archive().length);
    }

    @Test
    void open_whenBytesAreAppendedToTheArchive_rejectsAsArchiveHashMismatch() {
        SealedBackup sealed = seal(entries);
        byte[] longer = Arrays.copyOf(sealed.archive(), sealed.archive().length + 1);

        assertRejected(sealed.manifestFile(), longer, identity, Reason.ARCHIVE_HASH_MISMATCH, "bytes, its manifest says");
    }

    @Test
    void open_whenAnyByteOfTheManifestIsFlipped_rejectsBeforeDecrypting() {
        SealedBackup sealed = seal(entries);
        byte[] manifest = sealed.manifestFile();

        for (int at = 0; at < manifest.length; at++) {
            byte[] changed = flipped(manifest, at);
            int position = at;
            assertThatThrownBy(() -> BackupArchive.open(changed, sealed.archive(), trusted, identity))
                    .as("byte %d ('%c')", position, (char) manifest[position])
                    .isInstanceOfSatisfying(BackupRejectedException.class, e -> assertThat(e.reason()).isIn(
                            Reason.MALFORMED_MANIFEST, Reason.BAD_SIGNATURE, Reason.UNKNOWN_SIGNING_KEY, Reason.AGENT_MISMATCH));
        }
    }

    @Test
    void open_whenAnEntryHashOrTheTierIsEditedInTheManifest_rejectsAsBadSignature() {
        SealedBackup sealed = seal(entries);
        String file = new String(sealed.manifestFile(), StandardCharsets.UTF_8);
        String sha = sealed.manifest().entries().get(0).sha256();
        String otherSha = (sha.charAt(0) == '0' ? "1" : "0") + sha.substring(1);

        for (String edited : List.of(file.replace(sha, otherSha), file.replace("\"tier\":\"hot\"", "\"tier\":\"cold\""))) {
            assertRejected(edited.getBytes(StandardCharsets.UTF_8), sealed.archive(), identity, Reason.BAD_SIGNATURE,
                    "the manifest signature does not verify against " + key.publicKey().did());
        }
    }

    @Test
    void open_withTheManifestOfAnotherBackup_rejectsAsArchiveHashMismatch() {
        SealedBackup first = seal(entries);
        SealedBackup second = seal(entries);

        assertRejected(second.manifestFile(), first.archive(), identity, Reason.ARCHIVE_HASH_MISMATCH,
                "has SHA-256 " + first.manifest().archive().sha256() + ", its manifest says " + second.manifest().archive().sha256());
    }

    @Test
    void open_withAnotherIdentity_rejectsAsWrongIdentity() {
        SealedBackup sealed = seal(entries);
        AgeIdentity other = AgeIdentity.parse(ReferenceTools.read(ReferenceTools.ageKeygen(dir, "other")));

        assertRejected(sealed.manifestFile(), sealed.archive(), other, Reason.WRONG_IDENTITY,
                "is not encrypted to this age identity");
    }

    @Test
    void open_whenResignedByAnotherKeyNamingItself_rejectsAsUnknownSigningKey() {
        SealedBackup sealed = seal(entries);
        AgentKey forger = AgentKey.generate();
        BackupManifest m = sealed.manifest();
        BackupManifest forged = new BackupManifest(m.agent(), m.tier(), m.createdAt(), m.source(), m.archive(), m.entries(),
                m.merkleRoot(), forger.publicKey());

        assertRejected(ManifestJson.write(forged, forger), sealed.archive(), identity, Reason.UNKNOWN_SIGNING_KEY,
                "signed by " + forger.publicKey().did() + " (" + forger.publicKey().fingerprint()
                        + "), which is not a trusted key of agent agent-7f3a");
    }

    @Test
    void open_whenSignedByAnotherKeyUnderTheAgentsKeyId_rejectsAsBadSignature() {
        SealedBackup sealed = seal(entries);
        byte[] canonical = ManifestJson.canonical(sealed.manifest());
        String forged = "{\"manifest\":" + new String(canonical, StandardCharsets.UTF_8) + ",\"signature\":\""
                + Base64.getEncoder().encodeToString(AgentKey.generate().sign(canonical)) + "\"}\n";

        assertRejected(forged.getBytes(StandardCharsets.UTF_8), sealed.archive(), identity, Reason.BAD_SIGNATURE,
                "does not verify");
    }

    @Test
    void open_trustingAnotherAgent_rejectsAsAgentMismatch() {
        SealedBackup sealed = seal(entries);
        TrustedSigners otherAgent = TrustedSigners.keys(AgentId.of("agent-b"), List.of(key.publicKey()));

        assertThatThrownBy(() -> BackupArchive.open(sealed.manifestFile(), sealed.archive(), otherAgent, identity))
                .isInstanceOfSatisfying(BackupRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AGENT_MISMATCH))
                .hasMessageContaining("the manifest is of agent agent-7f3a, the trusted keys are of agent agent-b");
    }

    @Test
    void open_whenSignedByAKeyRetiredBeforeTheBackup_rejectsAsUnknownSigningKey() {
        AgentKey next = AgentKey.generate();
        KeyLog genesis = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, Instant.parse("2026-11-01T00:00:00Z")));
        KeyLog rotated = genesis.append(genesis.rotation(key, next, Instant.parse("2026-11-15T00:00:00Z")));
        SealedBackup sealed = seal(entries);

        assertThatThrownBy(() -> BackupArchive.open(sealed.manifestFile(), sealed.archive(),
                TrustedSigners.keyLog(rotated, key.publicKey()), identity))
                .isInstanceOfSatisfying(BackupRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SIGNING_KEY))
                .hasMessageContaining("until 2026-11-15T00:00:00Z, but the backup is dated 2026-11-22T09:00:00Z");
    }

    // A manifest signed by the trusted key that disagrees with its archive: a bug or a key holder's forgery.

    @Test
    void open_whenTheSignedArchiveIsNotAnAgeFile_rejectsAsUnreadable() {
        SealedBackup described = BackupArchive.sign(entries, METADATA, UstarWriter.write(entries, METADATA.createdAt()), key);

        assertRejected(described.manifestFile(), described.archive(), identity, Reason.UNREADABLE_ARCHIVE, "is not an age file");
    }

    @Test
    void open_whenTheSignedArchiveHoldsNoTar_rejectsAsMalformedArchive() {
        byte[] archive = AgeFile.encrypt("not a tar".getBytes(StandardCharsets.UTF_8), List.of(recipient));
        SealedBackup described = BackupArchive.sign(entries, METADATA, archive, key);

        assertRejected(described.manifestFile(), archive, identity, Reason.MALFORMED_ARCHIVE,
                "truncated tar: 9 bytes is not a whole number of 512-byte blocks");
    }

    @Test
    void open_whenTheManifestLacksAnEntryOfTheArchive_rejectsAsExtraEntry() {
        SealedBackup sealed = seal(entries);
        List<ManifestEntry> fewer = sealed.manifest().entries().stream().filter(e -> !e.path().equals("memory/SOUL.md")).toList();

        assertRejected(resigned(sealed, fewer, null), sealed.archive(), identity, Reason.ENTRY_EXTRA,
                "memory/SOUL.md is in the archive but not in the manifest");
    }

    @Test
    void open_whenTheManifestListsAnEntryTheArchiveLacks_rejectsAsMissing() {
        SealedBackup sealed = seal(entries);
        List<ManifestEntry> more = new ArrayList<>(sealed.manifest().entries());
        more.add(new ManifestEntry("memory/zz.md", 1, "0".repeat(64)));

        assertRejected(resigned(sealed, more, null), sealed.archive(), identity, Reason.ENTRY_MISSING,
                "memory/zz.md is in the manifest but not in the archive");
    }

    @Test
    void open_whenAnEntryDiffersFromTheManifest_rejectsAsEntryHashMismatchNamingIt() {
        SealedBackup sealed = seal(entries);
        List<ManifestEntry> changed = new ArrayList<>(sealed.manifest().entries());
        ManifestEntry soul = changed.stream().filter(e -> e.path().equals("memory/SOUL.md")).findFirst().orElseThrow();
        changed.set(changed.indexOf(soul), new ManifestEntry(soul.path(), soul.size(), "0".repeat(64)));

        assertRejected(resigned(sealed, changed, null), sealed.archive(), identity, Reason.ENTRY_HASH_MISMATCH,
                "memory/SOUL.md is " + soul.size() + " bytes with SHA-256 " + soul.sha256() + ", the manifest says "
                        + soul.size() + " bytes with SHA-256 " + "0".repeat(64));
    }

    @Test
    void open_whenTheMerkleRootDoesNotMatchTheEntries_rejectsAsMerkleMismatch() {
        SealedBackup sealed = seal(entries);

        assertRejected(resigned(sealed, sealed.manifest().entries(), "0".repeat(64)), sealed.archive(), identity,
                Reason.MERKLE_MISMATCH, "the manifest says " + "0".repeat(64));
    }

    private void assertRejected(byte[] manifestFile, byte[] archive, AgeIdentity with, Reason reason, String detail) {
        assertThatThrownBy(() -> BackupArchive.open(manifestFile, archive, trusted, with))
                .isInstanceOfSatisfying(BackupRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith("backup rejected, " + reason.label() + ": ")
                .hasMessageContaining(detail);
    }

    /** The backup's manifest with other entries (and their root, unless one is given), signed by the agent's key. */
    private byte[] resigned(SealedBackup sealed, List<ManifestEntry> entries, String merkleRoot) {
        BackupManifest m = sealed.manifest();
        return ManifestJson.write(new BackupManifest(m.agent(), m.tier(), m.createdAt(), m.source(), m.archive(), entries,
                merkleRoot == null ? MerkleRoot.of(entries) : merkleRoot, m.signer()), key);
    }

    private static byte[] flipped(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
