package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.dispatch.DispatchException;
import dev.heartwood.core.dispatch.DueIndex;
import dev.heartwood.core.dispatch.DueIndexContract;
import dev.heartwood.core.dispatch.Shards;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against DynamoDB Local, on a fresh control table per test; its racers are separate index instances. */
@AwsIntegrationTest
class DynamoDbDueIndexIT extends DueIndexContract {

    private final AwsClients clients;
    private final String table;

    DynamoDbDueIndexIT(AwsEmulator emulator) {
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
    protected DueIndex newIndex(int shards) {
        return new DynamoDbDueIndex(clients, table, shards);
    }

    @Test
    void register_writesTheRosterItemUnderItsShardAndAPointerUnderTheAgent() {
        AgentId agent = newAgentIn(2);

        index.register(agent, EVERY, T0);

        Map<String, AttributeValue> roster = item("dispatch#shard-02", T0 + "#" + agent);
        assertThat(roster.get("agent").s()).isEqualTo(agent.value());
        assertThat(roster.get("every_s").n()).isEqualTo("900");
        assertThat(roster).doesNotContainKey(StorePlan.CONTROL_TTL_ATTRIBUTE);
        Map<String, AttributeValue> pointer = item(agent.value(), "dispatch");
        assertThat(pointer.get("roster_partition").s()).isEqualTo("dispatch#shard-02");
        assertThat(pointer.get("roster_item").s()).isEqualTo(T0 + "#" + agent);
    }

    @Test
    void anIndexWithAnotherShardCount_refusesTheRosterInsteadOfMisreadingIt() {
        index.register(newAgent(), EVERY, T0);
        DueIndex resized = newIndex(SHARDS * 2);

        assertThatThrownBy(() -> resized.due(0, T0, 10, null)).isInstanceOf(DispatchException.class)
                .hasMessageContaining("built with " + SHARDS + " shards").hasMessageContaining("has " + SHARDS * 2);
        assertThatThrownBy(() -> resized.register(newAgent(), EVERY, T0)).isInstanceOf(DispatchException.class);
    }

    @Test
    void defaultIndex_hasSixteenShards() {
        assertThat(new DynamoDbDueIndex(clients, table).shards()).isEqualTo(Shards.DEFAULT_COUNT);
    }

    @Test
    void due_withATokenItNeverGaveOut_isRefused() {
        assertThatThrownBy(() -> index.due(0, T0, 10, "dispatch#shard-00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pageToken:");
    }

    private Map<String, AttributeValue> item(String partition, String sortKey) {
        return clients.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(StorePlan.CONTROL_PARTITION_KEY, AttributeValue.fromS(partition),
                        StorePlan.CONTROL_SORT_KEY, AttributeValue.fromS(sortKey)))).item();
    }
}
