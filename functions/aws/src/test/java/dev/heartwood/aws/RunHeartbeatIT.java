package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.heartbeat.RunHeartbeatContract;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The heartbeat's promises on the AWS stores: lease and journal in DynamoDB (the outbox in the
 * journal's transaction), HEARTBEAT.md and the daily log in the versioned S3 bucket.
 */
@AwsIntegrationTest
class RunHeartbeatIT extends RunHeartbeatContract {

    private final AwsClients clients;
    private final StoreNames names;

    RunHeartbeatIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        names = StoreNames.withPrefix(emulator.uniquePrefix());
        for (var store : StorePlan.forInstallation(names, 5).stores()) {
            switch (store) {
                case BucketSpec bucket -> new S3BucketProvisioner(clients).ensure(bucket);
                case TableSpec table -> new DynamoDbTableProvisioner(clients).ensure(table);
                case dev.heartwood.core.bootstrap.QueueSpec queue -> { }
            }
        }
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Override
    protected HeartbeatStores newStores(Clock clock) {
        AgentStores stores = AwsStores.from(clients, names, Map.of(), clock);
        return new HeartbeatStores(stores.memory(), stores.journal(), stores.leases());
    }
}
