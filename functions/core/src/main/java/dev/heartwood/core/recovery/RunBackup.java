package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.runtime.AgentStores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One backup of one agent: read its stores, seal the snapshot (the redactor, with the agent's own
 * key as a canary, runs over every entry before encryption), store the archive and then its
 * manifest create-only, read both back and check them, and only then prune the tier's oldest
 * backups beyond retention. A backup is complete when its manifest exists; a crash before that
 * leaves an archive without manifest, which restore ignores.
 */
public final class RunBackup {

    /** How many backups each tier keeps. */
    public record Retention(int hot, int cold) {

        /** Two days of hourly backups, eight weekly ones. */
        public static final Retention DEFAULT = new Retention(48, 8);

        public Retention {
            if (hot < 1 || cold < 1) {
                throw new IllegalArgumentException("retention keeps at least one backup per tier, got hot=" + hot
                        + " cold=" + cold);
            }
        }

        int of(BackupTier tier) {
            return tier == BackupTier.HOT ? hot : cold;
        }
    }

    /** What was written and what was pruned. */
    public record Result(BackupManifest manifest, String archiveName, String manifestName, long archiveBytes,
            List<String> pruned) {

        public Result {
            pruned = List.copyOf(pruned);
        }
    }

    private final AgentStores stores;
    private final BackupStore backups;
    private final List<AgeRecipient> recipients;
    private final Redactor redactor;
    private final Retention retention;
    private final Clock clock;

    public RunBackup(AgentStores stores, BackupStore backups, List<AgeRecipient> recipients, Redactor redactor,
            Retention retention, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.recipients = List.copyOf(recipients);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.recipients.isEmpty()) {
            throw new IllegalArgumentException("a backup needs at least one age recipient (age1…) to encrypt to");
        }
    }

    /**
     * @throws BackupException if the agent has no key here (a backup is signed by it), a secret is
     *     found in its contents, or the store refuses the write; nothing is pruned then
     */
    public Result run(AgentId agent, BackupTier tier) {
        AgentKey key = stores.keys().current(agent).orElseThrow(() -> new BackupException("agent " + agent
                + " has no key in " + stores.description() + ": a backup is signed by the agent's key"));
        SealedBackup sealed;
        try {
            AgentSnapshot snapshot = AgentSnapshot.read(stores, agent);
            if (snapshot.keyLog().entries().isEmpty()) {
                throw new BackupException("agent " + agent + " has no key log in " + stores.description()
                        + ": run heartwood init first");
            }
            BackupMetadata metadata = new BackupMetadata(agent, tier, clock.instant(), stores.description());
            sealed = BackupArchive.seal(snapshot.entries(), metadata, key, recipients, redactor.withAgentKey(key));
        } finally {
            key.destroy();
        }
        String folder = agent.value() + "/" + tier.label() + "/";
        String archiveName = folder + sealed.archiveName();
        String manifestName = folder + sealed.manifestName();
        backups.create(archiveName, sealed.archive());
        backups.create(manifestName, sealed.manifestFile());
        verifyStored(archiveName, sealed.archive());
        verifyStored(manifestName, sealed.manifestFile());
        BackupArchive.verifyManifest(sealed.manifestFile(), TrustedSigners.keys(agent, List.of(sealed.manifest().signer())));
        return new Result(sealed.manifest(), archiveName, manifestName, sealed.archive().length,
                prune(folder, manifestName, retention.of(tier)));
    }

    private void verifyStored(String name, byte[] written) {
        byte[] read = backups.read(name).orElseThrow(() -> new BackupException("backup " + name + " was written to "
                + backups.describe() + " but cannot be read back"));
        if (!Arrays.equals(read, written)) {
            throw new BackupException("backup " + name + " in " + backups.describe()
                    + " reads back different from what was written: older backups are kept");
        }
    }

    /** Oldest first by name (names carry the time), never the one just written. */
    private List<String> prune(String folder, String newest, int keep) {
        List<String> manifests = backups.list(folder).stream().filter(n -> n.endsWith(SealedBackup.MANIFEST_SUFFIX))
                .sorted().toList();
        List<String> pruned = new ArrayList<>();
        for (int i = 0; i < manifests.size() - keep; i++) {
            String manifest = manifests.get(i);
            if (manifest.equals(newest)) {
                continue;
            }
            String archive = manifest.substring(0, manifest.length() - SealedBackup.MANIFEST_SUFFIX.length())
                    + SealedBackup.ARCHIVE_SUFFIX;
            // The manifest goes first: an archive without manifest is an incomplete backup, never a wrong one.
            backups.delete(manifest);
            backups.delete(archive);
            pruned.add(manifest);
        }
        return pruned;
    }
}
