package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.recovery.BackupStoreContract;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Backups in a versioned S3 bucket, as bootstrap creates it: create-only PUTs under {@code backups/}. */
@AwsIntegrationTest
class S3BackupStoreIT extends BackupStoreContract {

    private final AwsEmulator emulator;
    private final AwsClients clients;
    private final String bucket;

    S3BackupStoreIT(AwsEmulator emulator) {
        this.emulator = emulator;
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        bucket = emulator.uniquePrefix() + "-backups";
        new S3BucketProvisioner(clients).ensure(new BucketSpec(StoreRole.BACKUP_BUCKET, bucket, true));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Override
    protected BackupStore newStore() {
        return new S3BackupStore(clients, bucket);
    }

    @Test
    void create_storesEachBackupAsOneObjectUnderBackups() {
        String archive = name(agent, "hot", "20261122T090000Z", ".tar.age");

        store.create(archive, new byte[] {7});

        assertThat(clients.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("backups/" + archive);
        assertThat(clients.s3().getObjectAsBytes(b -> b.bucket(bucket).key("backups/" + archive)).asByteArray())
                .containsExactly(7);
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/backups/ (" + clients.settings().region().id() + ")");
    }

    @Test
    void create_retriedWithTheBytesAlreadyStored_isTheFirstAttemptLandingNotAConflict() {
        String manifest = name(agent, "hot", "20261122T090000Z", ".manifest.json");
        store.create(manifest, new byte[] {1, 2, 3});

        store.create(manifest, new byte[] {1, 2, 3});

        assertThat(clients.s3().listObjectVersions(b -> b.bucket(bucket)).versions()).hasSize(1);
    }

    @Test
    void read_whenS3IsUnreachable_failsNamingTheBucket() {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            BackupStore offline = new S3BackupStore(unreachable, bucket);

            assertThatThrownBy(() -> offline.read(name(agent, "hot", "20261122T090000Z", ".tar.age")))
                    .isInstanceOf(BackupException.class)
                    .hasMessageStartingWith("cannot read backup " + agent + "/hot/")
                    .hasMessageContaining("in s3://" + bucket + "/backups/ (" + clients.settings().region().id() + "): cannot reach S3 at "
                            + env.get("AWS_ENDPOINT_URL"))
                    .hasMessageNotContaining("\n");
        }
    }
}
