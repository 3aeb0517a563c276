package dev.heartwood.infra;

import static dev.heartwood.infra.TemplateJson.arnOf;
import static dev.heartwood.infra.TemplateJson.list;
import static dev.heartwood.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.QueueSpec;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.StoreSpec;
import dev.heartwood.core.bootstrap.TableSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stores the stack creates: the same names and keys as bootstrap, encrypted, versioned, locked, redriven. */
class StoresTest {

    static final int MAX_RECEIVES = 7;
    static final int RETENTION_DAYS = 10;
    static final StorePlan PLAN = StorePlan.forInstallation(StoreNames.withPrefix(Synth.PREFIX), MAX_RECEIVES);

    static TemplateJson template;
    static String keyId;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Synth.context(Map.of("maxReceiveCount", MAX_RECEIVES, "backupRetentionDays", RETENTION_DAYS)));
        keyId = template.idOf("AWS::KMS::Key", p -> true);
    }

    @Test
    void stores_whenSynthesized_haveTheNamesAndKeySchemasOfStorePlan() {
        for (StoreSpec spec : PLAN.stores()) {
            switch (spec) {
                case BucketSpec bucket -> assertThat(template.with("AWS::S3::Bucket", "BucketName", bucket.name())
                        .get("VersioningConfiguration")).as(bucket.name()).isEqualTo(Map.of("Status", bucket.versioned() ? "Enabled" : "Suspended"));
                case TableSpec table -> {
                    Map<String, Object> properties = template.with("AWS::DynamoDB::Table", "TableName", table.name());
                    assertThat(properties.get("KeySchema")).as(table.name()).isEqualTo(List.of(
                            Map.of("AttributeName", table.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", table.sortKey(), "KeyType", "RANGE")));
                    assertThat(properties.get("AttributeDefinitions")).as(table.name()).isEqualTo(List.of(
                            Map.of("AttributeName", table.partitionKey(), "AttributeType", "S"),
                            Map.of("AttributeName", table.sortKey(), "AttributeType", "S")));
                    assertThat(properties.get("TimeToLiveSpecification")).as(table.name()).isEqualTo(table.ttl()
                            .<Object>map(ttl -> Map.of("AttributeName", ttl, "Enabled", true)).orElse(null));
                }
                case QueueSpec queue -> {
                    Map<String, Object> properties = template.with("AWS::SQS::Queue", "QueueName", queue.name());
                    assertThat(properties.get("FifoQueue")).as(queue.name()).isEqualTo(true);
                    Object redrive = queue.deadLetter().<Object>map(dlq -> Map.of(
                            "deadLetterTargetArn", arnOf(template.idOf("AWS::SQS::Queue", p -> dlq.equals(p.get("QueueName")))),
                            "maxReceiveCount", queue.maxReceiveCount())).orElse(null);
                    assertThat(properties.get("RedrivePolicy")).as(queue.name()).isEqualTo(redrive);
                }
            }
        }
        assertThat(template.ofType("AWS::S3::Bucket")).hasSize(2);
        assertThat(template.ofType("AWS::DynamoDB::Table")).hasSize(2);
        assertThat(template.ofType("AWS::SQS::Queue")).hasSize(2);
    }

    @Test
    void heartbeatQueue_whenSynthesized_redrivesAfterTheConfiguredReceives() {
        Map<String, Object> queue = template.with("AWS::SQS::Queue", "QueueName", "hw-test-heartbeat.fifo");
        assertThat(map(queue.get("RedrivePolicy")).get("maxReceiveCount")).isEqualTo(MAX_RECEIVES);
        assertThat(queue.get("ContentBasedDeduplication")).as("Scheduler's SQS target sends no deduplication id").isEqualTo(true);
    }

    @Test
    void heartbeatQueue_whenSynthesized_hidesAMessageAtLeastSixWorkerTimeouts() {
        Map<String, Object> queue = template.with("AWS::SQS::Queue", "QueueName", "hw-test-heartbeat.fifo");
        Map<String, Object> worker = template.with("AWS::Lambda::Function", "FunctionName", "hw-test-worker");
        int visibility = ((Number) queue.get("VisibilityTimeout")).intValue();
        int timeout = ((Number) worker.get("Timeout")).intValue();
        assertThat(visibility).isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void deadLetterQueue_whenSynthesized_keepsMessagesFourteenDays() {
        assertThat(template.with("AWS::SQS::Queue", "QueueName", "hw-test-heartbeat-dlq.fifo").get("MessageRetentionPeriod"))
                .isEqualTo(14 * 24 * 3600);
    }

    @Test
    void key_whenSynthesized_rotates() {
        assertThat(template.propertiesOf(keyId).get("EnableKeyRotation")).isEqualTo(true);
    }

    @Test
    void memoryBucket_whenSynthesized_isEncryptedWithTheProjectKeyAndBlocksPublicAccess() {
        Map<String, Object> bucket = template.with("AWS::S3::Bucket", "BucketName", "hw-test-memory");
        Map<String, Object> rule = map(list(map(bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration")).getFirst());
        assertThat(rule.get("ServerSideEncryptionByDefault")).isEqualTo(Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", arnOf(keyId)));
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
    }

    @Test
    void bothBuckets_whenSynthesized_refuseRequestsWithoutTls() {
        for (String name : List.of("hw-test-memory", "hw-test-backups")) {
            String bucketId = template.idOf("AWS::S3::Bucket", p -> name.equals(p.get("BucketName")));
            Map<String, Object> policy = template.with("AWS::S3::BucketPolicy", "Bucket", TemplateJson.ref(bucketId));
            List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
            assertThat(statements).as(name).anySatisfy(s -> {
                Map<String, Object> statement = map(s);
                assertThat(statement.get("Effect")).isEqualTo("Deny");
                assertThat(statement.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                assertThat(list(statement.get("Resource"))).contains(arnOf(bucketId));
            });
        }
    }

    @Test
    void backupBucket_whenSynthesized_locksEveryVersionForTheRetention() {
        Map<String, Object> bucket = template.with("AWS::S3::Bucket", "BucketName", "hw-test-backups");
        assertThat(bucket.get("ObjectLockEnabled")).isEqualTo(true);
        assertThat(bucket.get("ObjectLockConfiguration")).isEqualTo(Map.of("ObjectLockEnabled", "Enabled",
                "Rule", Map.of("DefaultRetention", Map.of("Days", RETENTION_DAYS, "Mode", "GOVERNANCE"))));
        assertThat(bucket.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
    }

    @Test
    void backupBucket_whenSynthesized_expiresPrunedVersionsOnceTheirLockEnds_andAgesTheColdTier() {
        List<Object> rules = list(map(template.with("AWS::S3::Bucket", "BucketName", "hw-test-backups")
                .get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules).anySatisfy(r -> {
            Map<String, Object> rule = map(r);
            assertThat(rule.get("Prefix")).isEqualTo("backups/");
            assertThat(rule.get("NoncurrentVersionExpiration")).isEqualTo(Map.of("NoncurrentDays", RETENTION_DAYS));
            assertThat(rule.get("ExpiredObjectDeleteMarker")).isEqualTo(true);
        });
        assertThat(rules).anySatisfy(r -> {
            Map<String, Object> rule = map(r);
            assertThat(rule.get("Prefix")).isEqualTo("backups/");
            assertThat(rule.get("Transitions")).isEqualTo(List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30)));
        });
    }

    @Test
    void backupBucket_withComplianceMode_locksInComplianceMode() {
        TemplateJson compliance = Synth.template(Synth.context(Map.of("backupLockMode", "compliance")));
        assertThat(compliance.with("AWS::S3::Bucket", "BucketName", "hw-test-backups").get("ObjectLockConfiguration"))
                .isEqualTo(Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention", Map.of("Days", 7, "Mode", "COMPLIANCE"))));
    }

    @Test
    void backupBucket_withAReplica_replicatesBackupsAndPruningWithAnObjectLockAwareRole() {
        TemplateJson replicated = Synth.template(Synth.context(Map.of("replicaBucket", "hw-b-backups", "replicaRegion", "eu-central-1")));
        Map<String, Object> replication = map(replicated.with("AWS::S3::Bucket", "BucketName", "hw-test-backups")
                .get("ReplicationConfiguration"));
        Map<String, Object> rule = map(list(replication.get("Rules")).getFirst());
        assertThat(rule.get("Filter")).isEqualTo(Map.of("Prefix", "backups/"));
        assertThat(rule.get("DeleteMarkerReplication")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(map(rule.get("Destination")).get("Bucket").toString()).contains(":s3:::hw-b-backups");
        String roleId = (String) list(map(replication.get("Role")).get("Fn::GetAtt")).getFirst();
        assertThat(replicated.propertiesOf(roleId)).doesNotContainKey("RoleName");
        List<String> actions = IamTest.statementsOfRole(replicated, roleId).stream()
                .flatMap(s -> list(s.get("Action")).stream()).map(String::valueOf).toList();
        assertThat(actions).contains("s3:GetObjectRetention", "s3:GetObjectLegalHold", "s3:ReplicateObject", "s3:ReplicateDelete");
        assertThat(template.with("AWS::S3::Bucket", "BucketName", "hw-test-backups")).doesNotContainKey("ReplicationConfiguration");
    }

    @Test
    void tables_whenSynthesized_areEncryptedWithTheProjectKeyAndRecoverToAPointInTime() {
        for (String name : List.of("hw-test-agent_messages", "hw-test-control")) {
            Map<String, Object> table = template.with("AWS::DynamoDB::Table", "TableName", name);
            assertThat(table.get("SSESpecification")).as(name)
                    .isEqualTo(Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", arnOf(keyId)));
            assertThat(table.get("PointInTimeRecoverySpecification")).as(name).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(table.get("BillingMode")).as(name).isEqualTo("PAY_PER_REQUEST");
        }
    }

    @Test
    void statefulStores_whenTheStackIsDeleted_areKept() {
        for (String type : List.of("AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::KMS::Key")) {
            template.ofType(type).forEach((id, resource) -> assertThat(resource.get("DeletionPolicy")).as(id).isEqualTo("Retain"));
        }
    }

    @Test
    void names_forAnotherPrefix_followThatPrefix() {
        TemplateJson other = Synth.template(Synth.context(Map.of("prefix", "acme-prod")));
        StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix("acme-prod"), StorePlan.DEFAULT_MAX_RECEIVE_COUNT);
        for (StoreRole role : StoreRole.values()) {
            String name = plan.stores().stream().filter(s -> s.role() == role).findFirst().orElseThrow().name();
            String type = switch (role) {
                case MEMORY_BUCKET, BACKUP_BUCKET -> "AWS::S3::Bucket";
                case MESSAGES_TABLE, CONTROL_TABLE -> "AWS::DynamoDB::Table";
                case HEARTBEAT_QUEUE, DEAD_LETTER_QUEUE -> "AWS::SQS::Queue";
            };
            String property = switch (role) {
                case MEMORY_BUCKET, BACKUP_BUCKET -> "BucketName";
                case MESSAGES_TABLE, CONTROL_TABLE -> "TableName";
                case HEARTBEAT_QUEUE, DEAD_LETTER_QUEUE -> "QueueName";
            };
            assertThat(other.with(type, property, name)).as(role + " " + name).isNotEmpty();
        }
    }
}
