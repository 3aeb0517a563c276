package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.QueueSpec;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.StoreSpec;
import dev.heartwood.core.bootstrap.TableSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.Filter;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.ReplicationRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The installation's stores, one per entry of {@link StorePlan} — the same plan {@code heartwood
 * --aws bootstrap} creates and the adapters read, so names and key schemas cannot drift apart —
 * plus the project's KMS key.
 */
final class Stores extends Construct {

    /** Where S3BackupStore keeps archives and manifests: {@code backups/{agentId}/{tier}/…}. */
    static final String BACKUP_PREFIX = "backups/";
    /** Where S3MemoryStore keeps memory files: {@code agents/{agentId}/…}. */
    static final String MEMORY_PREFIX = "agents/";
    /** Infrequent Access bills 128 KiB at least and 30 days at least; smaller or younger objects cost more there. */
    static final int INFREQUENT_ACCESS_AFTER_DAYS = 30;
    static final int INFREQUENT_ACCESS_MIN_BYTES = 128 * 1024;

    final Key key;
    private final Map<StoreRole, Bucket> buckets = new EnumMap<>(StoreRole.class);
    private final Map<StoreRole, Table> tables = new EnumMap<>(StoreRole.class);
    private final Map<StoreRole, Queue> queues = new EnumMap<>(StoreRole.class);
    private final Map<String, Queue> queuesByName = new HashMap<>();

    Stores(Construct scope, String id, StackSettings settings, StorePlan plan) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .alias("alias/" + settings.prefix())
                .description("Heartwood " + settings.prefix() + ": memory bucket, tables and (with keyVault=kms) agent keys")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (StoreSpec spec : plan.stores()) {
            switch (spec) {
                case BucketSpec bucket -> buckets.put(bucket.role(), bucket.role() == StoreRole.BACKUP_BUCKET
                        ? backupBucket(bucket, settings) : memoryBucket(bucket));
                case TableSpec table -> tables.put(table.role(), table(table));
                case QueueSpec queue -> {
                    Queue created = queue(queue);
                    queues.put(queue.role(), created);
                    queuesByName.put(queue.name(), created);
                }
            }
        }
    }

    Bucket bucket(StoreRole role) {
        return require(buckets, role);
    }

    Table table(StoreRole role) {
        return require(tables, role);
    }

    Queue queue(StoreRole role) {
        return require(queues, role);
    }

    private Bucket memoryBucket(BucketSpec spec) {
        return Bucket.Builder.create(this, "MemoryBucket")
                .bucketName(spec.name())
                .versioned(spec.versioned())
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                // One KMS call per bucket key instead of per object: cheaper, and fewer throttles.
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("abort-incomplete-uploads")
                        .abortIncompleteMultipartUploadAfter(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /**
     * Archives are age-encrypted to the recipients before they leave the function, so the bucket
     * uses S3-managed keys: a restore in another region or account must not depend on this
     * region's KMS key, and replication needs no key grants.
     */
    private Bucket backupBucket(BucketSpec spec, StackSettings settings) {
        Duration retention = Duration.days(settings.backupRetentionDays());
        Bucket.Builder builder = Bucket.Builder.create(this, "BackupBucket")
                .bucketName(spec.name())
                .versioned(spec.versioned())
                .objectLockEnabled(true)
                .objectLockDefaultRetention(settings.backupComplianceMode()
                        ? ObjectLockRetention.compliance(retention) : ObjectLockRetention.governance(retention))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .lifecycleRules(List.of(
                        // RunBackup prunes each tier (48 hot, 8 cold) with DeleteObject, which in a
                        // versioned bucket only adds a delete marker. The pruned version stays
                        // locked for the retention period; after that many noncurrent days it is
                        // past its lock for certain, and S3 removes it.
                        LifecycleRule.builder().id("pruned-backups")
                                .prefix(BACKUP_PREFIX)
                                .noncurrentVersionExpiration(retention)
                                .expiredObjectDeleteMarker(true)
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build(),
                        // The tier is the third path segment (backups/{agentId}/{tier}/), and lifecycle
                        // filters match a prefix only, so the tiers are told apart by age instead:
                        // hot backups are pruned after two days, so only cold ones live long enough
                        // to move to Infrequent Access.
                        LifecycleRule.builder().id("cold-tier-infrequent-access")
                                .prefix(BACKUP_PREFIX)
                                .objectSizeGreaterThan(INFREQUENT_ACCESS_MIN_BYTES)
                                .transitions(List.of(Transition.builder()
                                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(INFREQUENT_ACCESS_AFTER_DAYS)).build()))
                                .build()))
                .removalPolicy(RemovalPolicy.RETAIN);
        if (settings.replicaBucket() != null) {
            IBucket replica = Bucket.fromBucketAttributes(this, "ReplicaBucket", BucketAttributes.builder()
                    .bucketName(settings.replicaBucket()).region(settings.replicaRegion()).build());
            builder.replicationRole(replicationRole(spec.name(), replica))
                    .replicationRules(List.of(ReplicationRule.builder()
                            .destination(replica)
                            .priority(1)
                            .filter(Filter.builder().prefix(BACKUP_PREFIX).build())
                            // Pruning is replicated too, so the replica's own lifecycle frees what ours frees.
                            .deleteMarkerReplication(true)
                            .build()));
        }
        return builder.build();
    }

    /**
     * S3's replication role, written out rather than CDK's: CDK's lacks the Object Lock reads a locked
     * version needs to replicate with its retention, and names itself CDKReplicationRole, one name per
     * account. The replica must be a backup bucket with Object Lock (another installation's).
     */
    private Role replicationRole(String bucketName, IBucket replica) {
        Role role = Role.Builder.create(this, "ReplicationRole")
                .assumedBy(new ServicePrincipal("s3.amazonaws.com"))
                .description("S3 replication of Heartwood backups to " + replica.getBucketName())
                .build();
        // By name: the bucket is built after its role, and its name is fixed by the plan anyway.
        String source = "arn:" + Stack.of(this).getPartition() + ":s3:::" + bucketName;
        role.addToPolicy(PolicyStatement.Builder.create().sid("SourceBucket")
                .actions(List.of("s3:GetReplicationConfiguration", "s3:ListBucket")).resources(List.of(source)).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("SourceVersions")
                .actions(List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging",
                        "s3:GetObjectRetention", "s3:GetObjectLegalHold"))
                .resources(List.of(source + "/" + BACKUP_PREFIX + "*")).build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("ReplicaVersions")
                .actions(List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"))
                .resources(List.of(replica.arnForObjects(BACKUP_PREFIX + "*"))).build());
        return role;
    }

    private Table table(TableSpec spec) {
        Table.Builder builder = Table.Builder.create(this, spec.role() == StoreRole.MESSAGES_TABLE ? "MessagesTable" : "ControlTable")
                .tableName(spec.name())
                .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(spec.sortKey()).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN);
        spec.ttl().ifPresent(builder::timeToLiveAttribute);
        return builder.build();
    }

    private Queue queue(QueueSpec spec) {
        Queue.Builder builder = Queue.Builder.create(this, spec.role() == StoreRole.DEAD_LETTER_QUEUE ? "DeadLetterQueue" : "HeartbeatQueue")
                .queueName(spec.name())
                .fifo(true)
                // Messages hold an agent id and a time, nothing secret; SQS-managed keys let
                // EventBridge Scheduler send without a grant on the project key.
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
        spec.deadLetter().ifPresentOrElse(
                dlq -> builder
                        // Scheduler's SQS target sets no deduplication id; the dispatch function sets its own.
                        .contentBasedDeduplication(true)
                        // AWS's rule for SQS event sources: at least six times the consumer's timeout,
                        // so a batch still being worked on is never handed to a second worker.
                        .visibilityTimeout(Duration.seconds(6 * FunctionKind.WORKER.timeoutSeconds()))
                        .deadLetterQueue(DeadLetterQueue.builder()
                                .queue(queueNamed(dlq))
                                .maxReceiveCount(spec.maxReceiveCount()).build()),
                // The longest SQS keeps a message, so an outage can be investigated.
                () -> builder.retentionPeriod(Duration.days(14)));
        return builder.build();
    }

    /** The plan creates a dead-letter queue before the queue that redrives to it. */
    private Queue queueNamed(String name) {
        Queue queue = queuesByName.get(name);
        if (queue == null) {
            throw new IllegalStateException("the store plan names dead-letter queue " + name + " before creating it");
        }
        return queue;
    }

    private static <T> T require(Map<StoreRole, T> stores, StoreRole role) {
        T store = stores.get(role);
        if (store == null) {
            throw new IllegalStateException("the store plan has no " + role);
        }
        return store;
    }
}
