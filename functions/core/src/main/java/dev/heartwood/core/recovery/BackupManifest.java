package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a backup holds, without holding it: whose backup it is, when and where from, the
 * encrypted archive's digest, each entry's path, size and SHA-256, their Merkle root, and the
 * key that signs it all. It never carries memory content or a secret, so it can be read, listed
 * and checked without the age identity. Its JSON form and signature are {@link ManifestJson}'s.
 *
 * @param entries sorted by path, each path once
 * @param merkleRoot the {@link MerkleRoot} of the entries as 64 lowercase hex digits; whether it
 *     matches them is checked when a backup is opened, not here
 * @param signer the agent key that signs the manifest; written as its did:key (the project's
 *     key id) and its fingerprint
 */
public record BackupManifest(AgentId agent, BackupTier tier, Instant createdAt, String source, ArchiveDigest archive,
        List<ManifestEntry> entries, String merkleRoot, AgentPublicKey signer) {

    /** The format and version every manifest names; a reader refuses any other. */
    public static final String FORMAT = "heartwood-backup/1";

    public BackupManifest {
        Objects.requireNonNull(agent, "agentId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(signer, "signer");
        // Checks createdAt's range and the source the same way as for a new backup.
        new BackupMetadata(agent, tier, createdAt, source);
        entries = List.copyOf(entries);
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).path().compareTo(entries.get(i).path()) >= 0) {
                throw new IllegalArgumentException("entries must be sorted by path with each path once; "
                        + entries.get(i).path() + " follows " + entries.get(i - 1).path());
            }
        }
        if (merkleRoot == null || !ManifestEntry.SHA256_HEX.matcher(merkleRoot).matches()) {
            throw new IllegalArgumentException("merkleRoot is not 64 lowercase hex digits");
        }
    }

    /** The manifest of a new backup: entries sorted, their Merkle root computed. */
    static BackupManifest of(BackupMetadata metadata, ArchiveDigest archive, List<BackupEntry> entries,
            AgentPublicKey signer) {
        List<ManifestEntry> lines = entries.stream().map(ManifestEntry::of)
                .sorted(Comparator.comparing(ManifestEntry::path)).toList();
        return new BackupManifest(metadata.agent(), metadata.tier(), metadata.createdAt(), metadata.source(), archive,
                lines, MerkleRoot.of(lines), signer);
    }

    public BackupMetadata metadata() {
        return new BackupMetadata(agent, tier, createdAt, source);
    }
}
