package dev.heartwood.core.recovery;

import java.util.List;
import java.util.Objects;

/**
 * A backup that passed every check: its verified manifest and its entries, sorted by path, each
 * matching the manifest's size and SHA-256. Only now may any of it be written anywhere.
 */
public record OpenedBackup(BackupManifest manifest, List<BackupEntry> entries) {

    public OpenedBackup {
        Objects.requireNonNull(manifest, "manifest");
        entries = List.copyOf(entries);
    }

    @Override
    public String toString() {
        return "OpenedBackup[" + manifest.archive().name() + ", " + entries.size() + " entries]";
    }
}
