package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.BootstrapReport;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@AwsIntegrationTest
class BootstrapStoresIT {

    private AwsClients clients;
    private StoreNames names;
    private StorePlan plan;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        names = StoreNames.withPrefix(emulator.uniquePrefix());
        plan = StorePlan.forInstallation(names, 5);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private BootstrapReport bootstrap() {
        return new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                new SqsQueueProvisioner(clients)).run(plan, p -> { });
    }

    private String name(StoreRole role) {
        return names.nameOf(role);
    }

    @Test
    void bootstrap_whenNothingExists_createsEveryStoreWithTheDesignedSettings() {
        BootstrapReport report = bootstrap();

        assertThat(report.count(Provisioned.Change.CREATED)).isEqualTo(6);
        String prefix = names.prefix() + "-";
        assertThat(clients.s3().listBuckets().buckets()).extracting(b -> b.name()).filteredOn(n -> n.startsWith(prefix))
                .containsExactlyInAnyOrder(name(StoreRole.MEMORY_BUCKET), name(StoreRole.BACKUP_BUCKET));
        assertThat(clients.dynamoDb().listTables().tableNames()).filteredOn(n -> n.startsWith(prefix))
                .containsExactlyInAnyOrder(name(StoreRole.MESSAGES_TABLE), name(StoreRole.CONTROL_TABLE));
        assertThat(clients.sqs().listQueues(b -> b.queueNamePrefix(prefix)).queueUrls())
                .extracting(url -> url.substring(url.lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder(name(StoreRole.HEARTBEAT_QUEUE), name(StoreRole.DEAD_LETTER_QUEUE));
        for (StoreRole bucket : new StoreRole[] {StoreRole.MEMORY_BUCKET, StoreRole.BACKUP_BUCKET}) {
            assertThat(clients.s3().getBucketVersioning(b -> b.bucket(name(bucket))).status())
                    .isEqualTo(BucketVersioningStatus.ENABLED);
        }
        assertKeys(name(StoreRole.MESSAGES_TABLE), "app_id", "created_at");
        assertKeys(name(StoreRole.CONTROL_TABLE), "agent_id", "item");
        var ttl = clients.dynamoDb().describeTimeToLive(b -> b.tableName(name(StoreRole.CONTROL_TABLE))).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo("expires_at");

        Map<QueueAttributeName, String> dlq = queueAttributes(name(StoreRole.DEAD_LETTER_QUEUE));
        Map<QueueAttributeName, String> queue = queueAttributes(name(StoreRole.HEARTBEAT_QUEUE));
        assertThat(dlq).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
        assertThat(queue).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .as("Scheduler cannot set a deduplication id: the body must be the key")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        assertThat(queue.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(dlq.get(QueueAttributeName.QUEUE_ARN))
                .containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?5");
    }

    @Test
    void bootstrap_whenRunTwice_secondRunChangesNothing() {
        bootstrap();

        BootstrapReport second = bootstrap();

        assertThat(second.changedNothing()).isTrue();
        assertThat(second.stores()).extracting(Provisioned::change).containsOnly(Provisioned.Change.EXISTED);
    }

    @Test
    void bootstrap_whenABucketHasVersioningOff_turnsItOnAndReportsAnUpdate() {
        String region = clients.settings().region().id();
        clients.s3().createBucket(b -> {
            b.bucket(name(StoreRole.MEMORY_BUCKET));
            if (!"us-east-1".equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        });

        BootstrapReport report = bootstrap();

        assertThat(report.stores().get(0).change()).isEqualTo(Provisioned.Change.UPDATED);
        assertThat(clients.s3().getBucketVersioning(b -> b.bucket(name(StoreRole.MEMORY_BUCKET))).status())
                .isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void bootstrap_whenTheQueueLacksItsRedrive_setsItAndReportsAnUpdate() {
        clients.sqs().createQueue(b -> b.queueName(name(StoreRole.HEARTBEAT_QUEUE))
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));

        BootstrapReport report = bootstrap();

        assertThat(report.stores().get(5).change()).isEqualTo(Provisioned.Change.UPDATED);
        assertThat(queueAttributes(name(StoreRole.HEARTBEAT_QUEUE)).get(QueueAttributeName.REDRIVE_POLICY))
                .contains(name(StoreRole.DEAD_LETTER_QUEUE));
        assertThat(queueAttributes(name(StoreRole.HEARTBEAT_QUEUE)))
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        assertThat(report.stores().get(5).detail()).contains("redrive set", "content-based deduplication on");
    }

    @Test
    void bootstrap_whenATableExistsWithOtherKeys_failsNamingItAndStopsThere() {
        clients.dynamoDb().createTable(b -> b.tableName(name(StoreRole.MESSAGES_TABLE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
                        .attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(software.amazon.awssdk.services.dynamodb.model.KeySchemaElement.builder()
                        .attributeName("id").keyType(KeyType.HASH).build()));

        assertThatThrownBy(this::bootstrap)
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("table " + name(StoreRole.MESSAGES_TABLE) + ": exists with keys id (S, HASH)")
                .hasMessageContaining("expected app_id (S, HASH), created_at (S, RANGE)");
        assertThat(clients.dynamoDb().listTables().tableNames()).doesNotContain(name(StoreRole.CONTROL_TABLE));
    }

    @Test
    void bootstrap_whenTheEndpointIsUnreachable_failsOnTheFirstStoreSayingWhere(AwsEmulator emulator) {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            var bootstrap = new BootstrapStores(new S3BucketProvisioner(unreachable),
                    new DynamoDbTableProvisioner(unreachable), new SqsQueueProvisioner(unreachable));

            assertThatThrownBy(() -> bootstrap.run(plan, p -> { }))
                    .isInstanceOf(BootstrapException.class)
                    .hasMessageStartingWith("bucket " + name(StoreRole.MEMORY_BUCKET) + ": cannot reach S3 at "
                            + env.get("AWS_ENDPOINT_URL") + ": ConnectException");
        }
    }

    private void assertKeys(String table, String partitionKey, String sortKey) {
        TableDescription description = clients.dynamoDb().describeTable(b -> b.tableName(table)).table();
        assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly(partitionKey + ":HASH", sortKey + ":RANGE");
        assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    private Map<QueueAttributeName, String> queueAttributes(String queue) {
        String url = clients.sqs().getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return clients.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }
}
