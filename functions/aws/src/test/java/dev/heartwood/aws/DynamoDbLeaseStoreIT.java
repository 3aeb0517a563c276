package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.LeaseStoreContract;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against DynamoDB Local; its race is eight threads with a store each, as eight containers would be. */
@AwsIntegrationTest
class DynamoDbLeaseStoreIT extends LeaseStoreContract {

    private final AwsClients clients;
    private final String table;

    DynamoDbLeaseStoreIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix(emulator.uniquePrefix()), 5);
        TableSpec control = plan.stores().stream().filter(s -> s.role() == StoreRole.CONTROL_TABLE)
                .map(TableSpec.class::cast).findFirst().orElseThrow();
        new DynamoDbTableProvisioner(clients).ensure(control);
        table = control.name();
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Override
    protected LeaseStore newStore(Clock clock) {
        return new DynamoDbLeaseStore(clients, table, clock);
    }

    @Test
    void leaseItem_carriesNoTtlAttribute_soItsTokenIsNeverForgotten() {
        Lease lease = leases.acquire(agent, "worker-a", TTL).orElseThrow();
        leases.release(lease);

        Map<String, AttributeValue> item = clients.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(StorePlan.CONTROL_PARTITION_KEY, AttributeValue.fromS(agent.value()),
                        StorePlan.CONTROL_SORT_KEY, AttributeValue.fromS(DynamoDbLeaseStore.ITEM)))).item();

        assertThat(item).doesNotContainKey(StorePlan.CONTROL_TTL_ATTRIBUTE);
        assertThat(item.get("fencing_token").n()).isEqualTo(Long.toString(lease.fencingToken()));
        assertThat(item.get("expires_at_ms").n()).isEqualTo("0");
    }
}
