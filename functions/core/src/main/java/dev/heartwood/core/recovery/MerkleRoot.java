package dev.heartwood.core.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (section 2.1) over a backup's entries, sorted by path:
 *
 * <pre>
 * leaf(e)    = SHA-256(0x00 || UTF-8(e.path) || 0x00 || SHA-256(e.content))   (32 raw bytes, not hex)
 * node(l, r) = SHA-256(0x01 || l || r)
 * root([])   = SHA-256("")
 * root([x])  = leaf(x)
 * root(xs)   = node(root(xs[0..k)), root(xs[k..n)))   with k the largest power of two below n
 * </pre>
 *
 * Computed level by level: pair neighbours from the left, promote an odd last node unchanged to
 * the next level. That gives the same root as the recursive split, and never duplicates a node,
 * so two different entry lists cannot share a root (the flaw of Bitcoin's tree). The 0x00/0x01
 * prefixes keep a leaf from passing for a node; the NUL between path and digest is unambiguous
 * because paths hold no NUL.
 */
final class MerkleRoot {

    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleRoot() {
    }

    /** The root, as lowercase hex, of entries already sorted by path. */
    static String of(List<ManifestEntry> sortedEntries) {
        if (sortedEntries.isEmpty()) {
            return HexFormat.of().formatHex(Sha256.of(new byte[0]));
        }
        List<byte[]> level = new ArrayList<>(sortedEntries.size());
        for (ManifestEntry entry : sortedEntries) {
            level.add(leaf(entry.path(), HexFormat.of().parseHex(entry.sha256())));
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(node(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                up.add(level.get(level.size() - 1));
            }
            level = up;
        }
        return HexFormat.of().formatHex(level.get(0));
    }

    static byte[] leaf(String path, byte[] contentSha256) {
        MessageDigest sha = Sha256.digest();
        sha.update(LEAF);
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(contentSha256);
        return sha.digest();
    }

    static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = Sha256.digest();
        sha.update(NODE);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }
}
