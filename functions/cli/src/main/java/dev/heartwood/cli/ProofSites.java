package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.AwsTeardown;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BackupStore;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.proof.EphemeralKeyVault;
import dev.heartwood.core.proof.ProofSite;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.FileBackupStore;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.local.Passphrase;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The installations {@code heartwood proof} runs in: files under a work directory, or the AWS
 * stores under a prefix of their own (removed afterwards). The relay is a loopback relay in the
 * work directory either way (it is outside the installation, like the real one), restores go into
 * fresh homes there, and agent keys stay in memory (see {@link EphemeralKeyVault}).
 */
final class ProofSites {

    private static final Passphrase UNUSED = () -> "the proof keeps its keys in memory".toCharArray();

    private ProofSites() {
    }

    static ProofSite embedded(Path dir, DrillClock clock) {
        AgentStores stores = home(dir.resolve("home"), clock);
        LoopbackRelay relay = new LoopbackRelay(dir.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
        AtomicInteger restores = new AtomicInteger();
        return new ProofSite("the embedded default in " + dir, stores, relay, relay.base(), relay::deliveredBodies,
                new FileBackupStore(dir.resolve("backups")),
                () -> home(dir.resolve("restore-" + restores.incrementAndGet()), clock), clock);
    }

    /** The AWS stores under {@code names}, bootstrapped now; {@link #tearDown} removes them. */
    static ProofSite onAws(AwsClients clients, StoreNames names, Path dir, DrillClock clock) {
        new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                new SqsQueueProvisioner(clients)).run(StorePlan.forInstallation(names, StorePlan.DEFAULT_MAX_RECEIVE_COUNT),
                        p -> { });
        AgentStores aws = AwsStores.from(clients, names, Map.of(), clock);
        AgentStores stores = new AgentStores(aws.description(), aws.memory(), aws.chat(), aws.leases(), aws.journal(),
                new EphemeralKeyVault(), aws.keyLogs());
        LoopbackRelay relay = new LoopbackRelay(dir.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
        AtomicInteger restores = new AtomicInteger();
        return new ProofSite(aws.description(), stores, relay, relay.base(), relay::deliveredBodies,
                new S3BackupStore(clients, names.nameOf(StoreRole.BACKUP_BUCKET)),
                () -> home(dir.resolve("restore-" + restores.incrementAndGet()), clock), clock);
    }

    static String tearDown(AwsClients clients, StoreNames names) {
        AwsTeardown teardown = new AwsTeardown(clients);
        return teardown.destroy(names) + "; backups: " + teardown.destroyBackups(names);
    }

    static AwsClients clients(Map<String, String> environment) {
        return new AwsClients(AwsSettings.fromEnvironment(environment));
    }

    private static AgentStores home(Path root, DrillClock clock) {
        LocalHome home = LocalHome.at(root);
        var directories = new DirectoryStoreProvisioner(home);
        new BootstrapStores(directories, directories, directories).run(StorePlan.forInstallation(
                StoreNames.withPrefix(StoreNames.DEFAULT_PREFIX), StorePlan.DEFAULT_MAX_RECEIVE_COUNT), p -> { });
        AgentStores files = LocalStores.in(home, UNUSED, clock);
        return new AgentStores(files.description(), files.memory(), files.chat(), files.leases(), files.journal(),
                new EphemeralKeyVault(), files.keyLogs());
    }
}
