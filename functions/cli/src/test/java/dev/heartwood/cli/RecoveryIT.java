package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BackupStore;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.identity.transfer.ExportKey;
import dev.heartwood.core.identity.transfer.ImportKey;
import dev.heartwood.core.identity.transfer.ImportResult;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.SeedMemory;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.recovery.AgentSnapshot;
import dev.heartwood.core.recovery.BackupRejectedException;
import dev.heartwood.core.recovery.BackupRejectedException.Reason;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RestoreAgent;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.recovery.TrustedSigners;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Backup on the AWS stores of installation A, restore into installation B in another region under
 * another prefix, against the emulators. The backup lives in B's backup bucket, outside A; the
 * relay is outside both. A bad backup is refused before B sees a single write.
 */
@AwsIntegrationTest
class RecoveryIT {

    private final AgentId agent = AgentId.of("agent-recovery");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T09:10:00Z"), ZoneOffset.UTC);
    private final AgeKeyPair backupKey = AgeKeyPair.generate();

    @TempDir
    Path tmp;

    private AwsClients clientsA;
    private AwsClients clientsB;
    private StoreNames namesB;
    private AgentStores a;
    private AgentStores b;
    private LoopbackRelay relay;
    private BackupStore backups;
    private AgentPublicKey key;
    private RunBackup.Result backup;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        Map<String, String> envA = emulator.environment();
        Map<String, String> envB = new HashMap<>(envA);
        envB.put("AWS_REGION", "eu-west-1".equals(envA.get("AWS_REGION")) ? "us-east-1" : "eu-west-1");
        clientsA = new AwsClients(AwsSettings.fromEnvironment(envA));
        clientsB = new AwsClients(AwsSettings.fromEnvironment(envB));
        StoreNames namesA = StoreNames.withPrefix(emulator.uniquePrefix());
        namesB = StoreNames.withPrefix(emulator.uniquePrefix());
        bootstrap(clientsA, namesA);
        bootstrap(clientsB, namesB);
        a = AwsStores.from(clientsA, namesA, Map.of(), clock);
        b = AwsStores.from(clientsB, namesB, Map.of(), clock);
        relay = new LoopbackRelay(tmp.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
        backups = new S3BackupStore(clientsB, namesB.nameOf(StoreRole.BACKUP_BUCKET));

        key = new InitAgent(a.keys(), a.keyLogs(), relay, clock).run(agent).key();
        new SeedMemory(a.memory()).run(agent);
        UseCases useA = new UseCases(a, RuntimeSettings.DEFAULT, ModelClient.none(), clock);
        useA.writeMemory(Redactor.standard()).run(agent, MemoryPath.USER, "# User\n\nAda, likes short notes.\n",
                new WriteCondition.Unconditional());
        useA.writeMemory(Redactor.standard()).run(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n", new WriteCondition.Unconditional());
        useA.appendChat(Redactor.standard()).run(agent, NewChatRow.of(ChatRole.USER, "web", "hi"));
        useA.appendChat(Redactor.standard()).run(agent, new NewChatRow(ChatRole.USER, "telegram", "hello", "tg-1"));
        assertThat(useA.runHeartbeat(Redactor.standard(), relay, relay.base(), "recovery-it").run(agent))
                .isInstanceOf(HeartbeatOutcome.Done.class);
        backup = new RunBackup(a, backups, List.of(backupKey.recipient()), Redactor.standard(), RunBackup.Retention.DEFAULT,
                clock).run(agent, BackupTier.HOT);
    }

    @AfterEach
    void close() {
        clientsA.close();
        clientsB.close();
    }

    private static void bootstrap(AwsClients clients, StoreNames names) {
        new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                new SqsQueueProvisioner(clients)).run(StorePlan.forInstallation(names, StorePlan.DEFAULT_MAX_RECEIVE_COUNT), p -> { });
    }

    private String regionB() {
        return clientsB.settings().region().id();
    }

    @Test
    void restore_intoAnotherRegionAndPrefix_bringsBackEveryEntryAndTheSameKey() {
        AgentSnapshot before = AgentSnapshot.read(a, agent);
        AgeKeyPair transfer = AgeKeyPair.generate();
        byte[] export = new ExportKey(a.keys(), clock).run(agent, List.of(transfer.recipient()));

        ImportResult imported = new ImportKey(b.keys()).run(agent, export, transfer.identity());
        RestoreAgent.Result restored = new RestoreAgent(b, relay).run(backups.read(backup.manifestName()).orElseThrow(),
                backups.read(backup.archiveName()).orElseThrow(), TrustedSigners.keys(agent, List.of(key)), backupKey.identity());

        AgentSnapshot after = AgentSnapshot.read(b, agent);
        assertThat(before.memory()).containsEntry(MemoryPath.USER, "# User\n\nAda, likes short notes.\n");
        assertThat(before.chat()).hasSize(2);
        assertThat(before.journal()).hasSize(1);
        assertThat(after.entries()).isEqualTo(before.entries());
        assertThat(imported).isInstanceOf(ImportResult.Created.class);
        assertThat(restored.keyPresent()).isTrue();
        assertThat(restored.key()).isEqualTo(key);
        AgentKey inB = b.keys().current(agent).orElseThrow();
        try {
            assertThat(inB.publicKey()).isEqualTo(key);
        } finally {
            inB.destroy();
        }
        assertThat(b.description()).isEqualTo("AWS region " + regionB() + ", prefix " + namesB.prefix());
        assertThat(clientsB.s3().getBucketLocation(r -> r.bucket(namesB.nameOf(StoreRole.MEMORY_BUCKET)))
                .locationConstraintAsString()).isEqualTo(regionB());
        assertThat(clientsA.dynamoDb().listTables().tableNames()).as("B's tables live in B's region only")
                .doesNotContain(namesB.nameOf(StoreRole.CONTROL_TABLE));
    }

    /** What can be wrong with a backup when it is restored; each is caught by the check it names. */
    enum BadBackup {
        ARCHIVE_BYTE_FLIPPED(Reason.ARCHIVE_HASH_MISMATCH),
        ARCHIVE_TRUNCATED(Reason.TRUNCATED_ARCHIVE),
        MANIFEST_EDITED(Reason.BAD_SIGNATURE),
        WRONG_IDENTITY(Reason.WRONG_IDENTITY),
        SIGNED_BY_A_STRANGER(Reason.UNKNOWN_SIGNING_KEY);

        final Reason reason;

        BadBackup(Reason reason) {
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(BadBackup.class)
    void restore_ofABadBackup_isRejectedNamingTheCheckAndWritesNothingInTheTarget(BadBackup bad) {
        byte[] manifest = backups.read(backup.manifestName()).orElseThrow();
        byte[] archive = backups.read(backup.archiveName()).orElseThrow();
        switch (bad) {
            case ARCHIVE_BYTE_FLIPPED -> {
                archive[archive.length - 20] ^= 0x01;
                overwriteInTheBucket(backup.archiveName(), archive);
            }
            case ARCHIVE_TRUNCATED -> overwriteInTheBucket(backup.archiveName(), Arrays.copyOf(archive, archive.length / 2));
            case MANIFEST_EDITED -> {
                String text = new String(manifest, StandardCharsets.UTF_8);
                assertThat(text).contains("09:10:00Z");
                overwriteInTheBucket(backup.manifestName(), text.replace("09:10:00Z", "09:11:00Z").getBytes(StandardCharsets.UTF_8));
            }
            case WRONG_IDENTITY, SIGNED_BY_A_STRANGER -> { }
        }
        AgeIdentity identity = bad == BadBackup.WRONG_IDENTITY ? AgeKeyPair.generate().identity() : backupKey.identity();
        AgentPublicKey trusted = bad == BadBackup.SIGNED_BY_A_STRANGER ? AgentKey.generate().publicKey() : key;
        byte[] storedManifest = backups.read(backup.manifestName()).orElseThrow();
        byte[] storedArchive = backups.read(backup.archiveName()).orElseThrow();

        assertThatThrownBy(() -> new RestoreAgent(b, relay).run(storedManifest, storedArchive,
                TrustedSigners.keys(agent, List.of(trusted)), identity))
                .isInstanceOf(BackupRejectedException.class)
                .hasMessageStartingWith("backup rejected, " + bad.reason.label() + ": ")
                .extracting(e -> ((BackupRejectedException) e).reason()).isEqualTo(bad.reason);
        assertThat(AgentSnapshot.read(b, agent).isEmpty()).isTrue();
        assertThat(clientsB.s3().listObjectVersions(r -> r.bucket(namesB.nameOf(StoreRole.MEMORY_BUCKET))).versions())
                .as("not a single memory write, not even one undone").isEmpty();
    }

    /** As someone with write access to the bucket could: a plain PUT over the stored backup. */
    private void overwriteInTheBucket(String name, byte[] content) {
        clientsB.s3().putObject(r -> r.bucket(namesB.nameOf(StoreRole.BACKUP_BUCKET)).key("backups/" + name),
                RequestBody.fromBytes(content));
    }
}
