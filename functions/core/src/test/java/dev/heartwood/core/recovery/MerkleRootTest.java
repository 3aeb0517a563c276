package dev.heartwood.core.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MerkleRootTest {

    static final String DOCUMENTED_ROOT = "f97ad788f913c80783c08264be3ec715d4ef4b2a85c958185fa263d9412fb4e6";

    @Test
    void of_noEntries_isTheSha256OfNothing() {
        assertThat(MerkleRoot.of(List.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** The example in docs/backup-format.md, computed there with sha256sum and xxd. */
    @Test
    void of_theDocumentedExample_givesTheDocumentedRoot() {
        List<ManifestEntry> entries = List.of(
                ManifestEntry.of(BackupEntry.of("chat/rows.jsonl", "")),
                ManifestEntry.of(BackupEntry.of("memory/SOUL.md", "# Soul\n")),
                ManifestEntry.of(BackupEntry.of("memory/USER.md", "# User\n")));

        assertThat(MerkleRoot.of(entries)).isEqualTo(DOCUMENTED_ROOT);
    }

    @Test
    void of_oneEntry_isItsLeafHash() {
        ManifestEntry entry = ManifestEntry.of(BackupEntry.of("memory/SOUL.md", "# Soul\n"));

        byte[] leaf = sha256(concat(new byte[] {0}, "memory/SOUL.md".getBytes(StandardCharsets.UTF_8), new byte[] {0},
                HexFormat.of().parseHex(entry.sha256())));

        assertThat(MerkleRoot.of(List.of(entry))).isEqualTo(HexFormat.of().formatHex(leaf));
    }

    @Test
    void of_anyNumberOfEntries_equalsTheRecursiveRfc6962TreeHash() {
        for (int n = 1; n <= 40; n++) {
            List<ManifestEntry> entries = entries(n);
            List<byte[]> leaves = entries.stream()
                    .map(e -> MerkleRoot.leaf(e.path(), HexFormat.of().parseHex(e.sha256()))).toList();

            assertThat(MerkleRoot.of(entries)).as("%d entries", n).isEqualTo(HexFormat.of().formatHex(rfc6962(leaves)));
        }
    }

    @Test
    void of_whenContentMovesBetweenPathsOrAnEntryRepeats_changes() {
        ManifestEntry a = new ManifestEntry("a.md", 1, "1".repeat(64));
        ManifestEntry b = new ManifestEntry("b.md", 1, "2".repeat(64));
        ManifestEntry c = new ManifestEntry("c.md", 1, "3".repeat(64));
        ManifestEntry swappedA = new ManifestEntry("a.md", 1, "2".repeat(64));
        ManifestEntry swappedB = new ManifestEntry("b.md", 1, "1".repeat(64));
        ManifestEntry d = new ManifestEntry("d.md", 1, "3".repeat(64));

        String root = MerkleRoot.of(List.of(a, b, c));

        assertThat(MerkleRoot.of(List.of(swappedA, swappedB, c))).isNotEqualTo(root);
        assertThat(MerkleRoot.of(List.of(a, b))).isNotEqualTo(root);
        // Bitcoin's tree duplicates an odd last node, so [a, b, c] and [a, b, c, c'] could collide; promotion cannot.
        assertThat(MerkleRoot.of(List.of(a, b, c, d))).isNotEqualTo(root);
    }

    /** RFC 6962 section 2.1, written as the RFC does: split at the largest power of two below n. */
    private static byte[] rfc6962(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return sha256(concat(new byte[] {1}, rfc6962(leaves.subList(0, k)), rfc6962(leaves.subList(k, leaves.size()))));
    }

    private static List<ManifestEntry> entries(int n) {
        return IntStream.range(0, n).mapToObj(i -> ManifestEntry.of(BackupEntry.of(String.format("memory/%03d.md", i), "entry " + i)))
                .toList();
    }

    private static byte[] concat(byte[]... parts) {
        List<Byte> all = new ArrayList<>();
        for (byte[] part : parts) {
            for (byte b : part) {
                all.add(b);
            }
        }
        byte[] out = new byte[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
