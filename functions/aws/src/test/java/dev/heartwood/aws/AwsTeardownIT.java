package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The drill's teardown: everything of one prefix goes (a versioned bucket with delete markers,
 * both tables, both queues, the agents' secrets), nothing of a neighbouring prefix, and a second
 * run finds nothing left to do.
 */
@AwsIntegrationTest
class AwsTeardownIT {

    private final AwsClients clients;
    private final StoreNames names;
    /** Its name starts with the torn-down prefix: a bare string prefix match would take it too. */
    private final StoreNames neighbour;
    private final AgentId agent = AgentId.of("agent-teardown");
    private final String region;

    AwsTeardownIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        region = clients.settings().region().id();
        names = StoreNames.withPrefix(emulator.uniquePrefix());
        neighbour = StoreNames.withPrefix(names.prefix() + "x");
        for (StoreNames installation : new StoreNames[] {names, neighbour}) {
            new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                    new SqsQueueProvisioner(clients)).run(StorePlan.forInstallation(installation, 5), p -> { });
            fill(installation);
        }
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void destroy_removesBucketTablesQueuesAndSecretsOfThePrefixOnly() {
        String removed = new AwsTeardown(clients).destroy(names);

        assertThat(removed).isEqualTo("deleted bucket " + names.prefix() + "-memory, table " + names.prefix()
                + "-agent_messages, table " + names.prefix() + "-control, queue " + names.prefix() + "-heartbeat.fifo, queue "
                + names.prefix() + "-heartbeat-dlq.fifo, 1 secret in " + region);
        assertThat(bucketExists(names.nameOf(StoreRole.MEMORY_BUCKET))).isFalse();
        assertThat(clients.dynamoDb().listTables().tableNames()).noneMatch(t -> t.startsWith(names.prefix() + "-"));
        assertThat(queueExists(names.nameOf(StoreRole.HEARTBEAT_QUEUE))).isFalse();
        assertThat(queueExists(names.nameOf(StoreRole.DEAD_LETTER_QUEUE))).isFalse();
        assertThat(new SecretsManagerKeyVault(clients, names.prefix()).current(agent)).isEmpty();
        assertThat(bucketExists(names.nameOf(StoreRole.BACKUP_BUCKET))).as("the backup bucket is what a restore reads").isTrue();
        assertNeighbourIntact();
    }

    @Test
    void destroy_runTwice_findsNothingLeftTheSecondTime() {
        new AwsTeardown(clients).destroy(names);

        String again = new AwsTeardown(clients).destroy(names);

        assertThat(again).isEqualTo("deleted 0 secrets in " + region);
        assertNeighbourIntact();
    }

    @Test
    void destroyBackups_removesTheBackupBucketWithEveryVersionThenIsANoOp() {
        String backups = names.nameOf(StoreRole.BACKUP_BUCKET);
        clients.s3().putObject(b -> b.bucket(backups).key("backups/" + agent + "/hot/a.tar.age"), RequestBody.fromBytes(new byte[] {1}));
        clients.s3().putObject(b -> b.bucket(backups).key("backups/" + agent + "/hot/a.tar.age"), RequestBody.fromBytes(new byte[] {2}));
        clients.s3().deleteObject(b -> b.bucket(backups).key("backups/" + agent + "/hot/a.tar.age"));

        String removed = new AwsTeardown(clients).destroyBackups(names);
        String again = new AwsTeardown(clients).destroyBackups(names);

        assertThat(removed).isEqualTo("deleted bucket " + backups + " in " + region);
        assertThat(bucketExists(backups)).isFalse();
        assertThat(again).isEqualTo("no bucket " + backups + " in " + region);
        assertThat(bucketExists(neighbour.nameOf(StoreRole.BACKUP_BUCKET))).isTrue();
    }

    private void assertNeighbourIntact() {
        assertThat(new S3MemoryStore(clients, neighbour.nameOf(StoreRole.MEMORY_BUCKET)).read(agent, MemoryPath.USER))
                .hasValueSatisfying(f -> assertThat(f.content()).isEqualTo("# User\n\nsecond\n"));
        assertThat(new DynamoDbChatLog(clients, neighbour.nameOf(StoreRole.MESSAGES_TABLE)).all(agent)).hasSize(1);
        assertThat(queueExists(neighbour.nameOf(StoreRole.HEARTBEAT_QUEUE))).isTrue();
        AgentKey key = new SecretsManagerKeyVault(clients, neighbour.prefix()).current(agent).orElseThrow();
        key.destroy();
    }

    private boolean bucketExists(String bucket) {
        try {
            clients.s3().headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException gone) {
            return false;
        }
    }

    private boolean queueExists(String queue) {
        try {
            clients.sqs().getQueueUrl(b -> b.queueName(queue));
            return true;
        } catch (QueueDoesNotExistException gone) {
            return false;
        }
    }

    /** What an agent leaves in an installation: a key, memory with history and a delete marker, a chat row. */
    private void fill(StoreNames installation) {
        AgentKey key = AgentKey.generate();
        try {
            new SecretsManagerKeyVault(clients, installation.prefix()).create(agent, key);
        } finally {
            key.destroy();
        }
        S3MemoryStore memory = new S3MemoryStore(clients, installation.nameOf(StoreRole.MEMORY_BUCKET));
        Version first = memory.write(agent, MemoryPath.USER, "# User\n\nfirst\n", new WriteCondition.CreateOnly());
        memory.write(agent, MemoryPath.USER, "# User\n\nsecond\n", new WriteCondition.IfUnchanged(first));
        memory.write(agent, MemoryPath.TOOLS, "# Tools\n", new WriteCondition.CreateOnly());
        memory.delete(agent, MemoryPath.TOOLS);
        new DynamoDbChatLog(clients, installation.nameOf(StoreRole.MESSAGES_TABLE))
                .append(agent, NewChatRow.of(ChatRole.USER, "web", "hello"));
    }
}
