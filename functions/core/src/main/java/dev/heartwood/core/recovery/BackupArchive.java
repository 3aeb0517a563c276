package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.transfer.AgeFile;
import dev.heartwood.core.identity.transfer.AgeFileException;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.recovery.BackupRejectedException.Reason;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backup format: a POSIX tar of the entries, encrypted in the age format to X25519 recipients
 * (so {@code age -d -i key.txt x.tar.age | tar -tv} opens it by hand), beside a manifest that
 * lists every entry's size and SHA-256 and their Merkle root, signed by the agent's Ed25519 key.
 * See {@code docs/backup-format.md}.
 *
 * <p>Sealing refuses a backup in which the redactor finds a secret. Opening is all-or-nothing: it
 * returns entries only when every check passed, so a caller that writes only what it returns
 * never restores part of a backup, nor anything from a bad one.
 */
public final class BackupArchive {

    private BackupArchive() {
    }

    /**
     * Seals entries into an encrypted archive and its signed manifest. The same entries, metadata
     * and key give the same tar and manifest contents; only the age encryption (a random file key)
     * and so the archive's digest differ between two seals.
     *
     * @param signer the agent's current key; the caller keeps and destroys it
     * @param redactor the redactor whose detectors run over every entry before encryption
     * @throws IllegalArgumentException if there is no recipient or two entries share a path
     * @throws SecretInBackupException if the redactor finds a secret, naming entry paths and secret types
     */
    public static SealedBackup seal(List<BackupEntry> entries, BackupMetadata metadata, AgentKey signer,
            List<AgeRecipient> recipients, Redactor redactor) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(redactor, "redactor");
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients: expected at least one age X25519 recipient 'age1…'");
        }
        Set<String> paths = new HashSet<>();
        for (BackupEntry entry : entries) {
            if (!paths.add(Objects.requireNonNull(entry, "entry").path())) {
                throw new IllegalArgumentException("entries: path " + entry.path() + " occurs twice");
            }
        }
        SecretScan.check(entries, metadata.source(), redactor);
        byte[] tar = UstarWriter.write(entries, metadata.createdAt());
        try {
            return sign(entries, metadata, AgeFile.encrypt(tar, List.copyOf(recipients)), signer);
        } finally {
            Arrays.fill(tar, (byte) 0);
        }
    }

    /** The manifest of an archive already encrypted, signed: the second half of {@link #seal}. */
    static SealedBackup sign(List<BackupEntry> entries, BackupMetadata metadata, byte[] archive, AgentKey signer) {
        BackupManifest manifest = BackupManifest.of(metadata, ArchiveDigest.of(metadata.archiveName(), archive), entries,
                signer.publicKey());
        return new SealedBackup(manifest, archive, ManifestJson.write(manifest, signer));
    }

    /**
     * Reads a manifest file and checks its signature, without the archive: for listing and
     * choosing backups.
     *
     * @throws BackupRejectedException for a malformed manifest, another agent's backup, a signer
     *     that is not trusted for the backup's time, or a bad signature
     */
    public static BackupManifest verifyManifest(byte[] manifestFile, TrustedSigners trusted) {
        Objects.requireNonNull(manifestFile, "manifestFile");
        Objects.requireNonNull(trusted, "trusted");
        ManifestJson.Signed signed = ManifestJson.read(manifestFile);
        BackupManifest manifest = signed.manifest();
        if (!manifest.agent().equals(trusted.agent())) {
            throw new BackupRejectedException(Reason.AGENT_MISMATCH, "the manifest is of agent " + manifest.agent()
                    + ", the trusted keys are of agent " + trusted.agent());
        }
        trusted.refusal(manifest.signer(), manifest.createdAt()).ifPresent(why -> {
            throw new BackupRejectedException(Reason.UNKNOWN_SIGNING_KEY, why);
        });
        if (!manifest.signer().verifies(signed.canonical(), signed.signature())) {
            throw new BackupRejectedException(Reason.BAD_SIGNATURE, "the manifest signature does not verify against "
                    + manifest.signer().did() + " (the manifest or its signature was altered)");
        }
        return manifest;
    }

    /**
     * Verifies and opens a backup: the manifest's signature, the archive's size and SHA-256, the
     * decryption, the tar, every entry against the manifest, and the Merkle root, in that order.
     *
     * @return the entries, only if every check passed
     * @throws BackupRejectedException naming the first check that failed ({@link BackupRejectedException#reason()})
     */
    public static OpenedBackup open(byte[] manifestFile, byte[] archive, TrustedSigners trusted, AgeIdentity identity) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(identity, "identity");
        BackupManifest manifest = verifyManifest(manifestFile, trusted);
        checkArchive(manifest.archive(), archive);
        byte[] tar = decrypt(archive, identity, manifest.archive().name());
        List<BackupEntry> entries;
        try {
            entries = UstarReader.read(tar);
        } catch (ArchiveFormatException e) {
            throw new BackupRejectedException(Reason.MALFORMED_ARCHIVE, manifest.archive().name() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(tar, (byte) 0);
        }
        List<BackupEntry> sorted = entries.stream().sorted(Comparator.comparing(BackupEntry::path)).toList();
        checkEntries(manifest, sorted);
        String root = MerkleRoot.of(sorted.stream().map(ManifestEntry::of).toList());
        if (!root.equals(manifest.merkleRoot())) {
            throw new BackupRejectedException(Reason.MERKLE_MISMATCH, "the entries' Merkle root is " + root
                    + ", the manifest says " + manifest.merkleRoot());
        }
        return new OpenedBackup(manifest, sorted);
    }

    private static void checkArchive(ArchiveDigest expected, byte[] archive) {
        if (archive.length < expected.size()) {
            throw new BackupRejectedException(Reason.TRUNCATED_ARCHIVE, expected.name() + " is " + archive.length
                    + " bytes, its manifest says " + expected.size() + " (cut short, or not the archive of this manifest)");
        }
        if (archive.length > expected.size()) {
            throw new BackupRejectedException(Reason.ARCHIVE_HASH_MISMATCH, expected.name() + " is " + archive.length
                    + " bytes, its manifest says " + expected.size() + " (altered, or not the archive of this manifest)");
        }
        String actual = Sha256.hex(archive);
        if (!actual.equals(expected.sha256())) {
            throw new BackupRejectedException(Reason.ARCHIVE_HASH_MISMATCH, expected.name() + " has SHA-256 " + actual
                    + ", its manifest says " + expected.sha256() + " (altered, or not the archive of this manifest)");
        }
    }

    private static byte[] decrypt(byte[] archive, AgeIdentity identity, String name) {
        try {
            return AgeFile.decrypt(archive, identity, name);
        } catch (AgeFileException e) {
            throw switch (e.failure()) {
                case WRONG_IDENTITY -> new BackupRejectedException(Reason.WRONG_IDENTITY, name
                        + " is not encrypted to this age identity (none of its recipients matches)", e);
                case NOT_AGE -> new BackupRejectedException(Reason.UNREADABLE_ARCHIVE, name
                        + " is not an age file, though its digest matches the signed manifest", e);
                case DAMAGED -> new BackupRejectedException(Reason.UNREADABLE_ARCHIVE, name
                        + " fails age authentication, though its digest matches the signed manifest", e);
            };
        }
    }

    private static void checkEntries(BackupManifest manifest, List<BackupEntry> entries) {
        Map<String, BackupEntry> byPath = entries.stream().collect(Collectors.toMap(BackupEntry::path, Function.identity()));
        Set<String> listed = manifest.entries().stream().map(ManifestEntry::path).collect(Collectors.toSet());
        for (ManifestEntry expected : manifest.entries()) {
            if (!byPath.containsKey(expected.path())) {
                throw new BackupRejectedException(Reason.ENTRY_MISSING, expected.path()
                        + " is in the manifest but not in the archive");
            }
        }
        for (BackupEntry entry : entries) {
            if (!listed.contains(entry.path())) {
                throw new BackupRejectedException(Reason.ENTRY_EXTRA, entry.path()
                        + " is in the archive but not in the manifest");
            }
        }
        for (ManifestEntry expected : manifest.entries()) {
            ManifestEntry actual = ManifestEntry.of(byPath.get(expected.path()));
            if (!actual.equals(expected)) {
                throw new BackupRejectedException(Reason.ENTRY_HASH_MISMATCH, expected.path() + " is " + actual.size()
                        + " bytes with SHA-256 " + actual.sha256() + ", the manifest says " + expected.size()
                        + " bytes with SHA-256 " + expected.sha256());
            }
        }
    }
}
