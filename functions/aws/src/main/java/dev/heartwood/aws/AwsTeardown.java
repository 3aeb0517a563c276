package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Destroys an installation for the migration drill: the memory bucket with every version, the
 * tables, the queues and the agents' secrets under the prefix (deleted without the recovery
 * window). The backup bucket is left alone by {@link #destroy}: it is what the drill restores from.
 */
public final class AwsTeardown {

    private final AwsClients clients;

    public AwsTeardown(AwsClients clients) {
        this.clients = clients;
    }

    /** @return one line naming what was removed */
    public String destroy(StoreNames names) {
        List<String> removed = new ArrayList<>();
        try {
            String bucket = names.nameOf(StoreRole.MEMORY_BUCKET);
            if (emptyAndDeleteBucket(bucket)) {
                removed.add("bucket " + bucket);
            }
            for (StoreRole role : List.of(StoreRole.MESSAGES_TABLE, StoreRole.CONTROL_TABLE)) {
                String table = names.nameOf(role);
                try {
                    clients.dynamoDb().deleteTable(b -> b.tableName(table));
                    clients.dynamoDb().waiter().waitUntilTableNotExists(b -> b.tableName(table));
                    removed.add("table " + table);
                } catch (ResourceNotFoundException gone) {
                    // already gone
                }
            }
            for (StoreRole role : List.of(StoreRole.HEARTBEAT_QUEUE, StoreRole.DEAD_LETTER_QUEUE)) {
                String queue = names.nameOf(role);
                try {
                    String url = clients.sqs().getQueueUrl(b -> b.queueName(queue)).queueUrl();
                    clients.sqs().deleteQueue(b -> b.queueUrl(url));
                    removed.add("queue " + queue);
                } catch (QueueDoesNotExistException gone) {
                    // already gone
                }
            }
            int secrets = 0;
            String secretPrefix = names.prefix() + "/agents/";
            for (var page : clients.secretsManager().listSecretsPaginator(b -> b.filters(
                    Filter.builder().key(FilterNameStringType.NAME).values(secretPrefix).build()))) {
                for (var secret : page.secretList()) {
                    if (secret.name().startsWith(secretPrefix)) {
                        clients.secretsManager().deleteSecret(b -> b.secretId(secret.arn()).forceDeleteWithoutRecovery(true));
                        secrets++;
                    }
                }
            }
            removed.add(secrets + " secret" + (secrets == 1 ? "" : "s"));
        } catch (SdkException e) {
            throw new IllegalStateException("teardown of prefix " + names.prefix() + " in "
                    + clients.settings().region().id() + " stopped after " + String.join(", ", removed) + ": "
                    + e.getMessage(), e);
        }
        return "deleted " + String.join(", ", removed) + " in " + clients.settings().region().id();
    }

    /**
     * Removes the backup bucket of a prefix with every version, for the drill: its buckets were
     * bootstrapped by the drill itself, without Object Lock, and nothing else uses them. A no-op
     * if the bucket is gone.
     *
     * @return one line naming what was removed
     */
    public String destroyBackups(StoreNames names) {
        String bucket = names.nameOf(StoreRole.BACKUP_BUCKET);
        String region = clients.settings().region().id();
        try {
            return (emptyAndDeleteBucket(bucket) ? "deleted bucket " : "no bucket ") + bucket + " in " + region;
        } catch (SdkException e) {
            throw new IllegalStateException("teardown of bucket " + bucket + " in " + region + " stopped: "
                    + e.getMessage(), e);
        }
    }

    private boolean emptyAndDeleteBucket(String bucket) {
        try {
            var versions = clients.s3().listObjectVersionsPaginator(b -> b.bucket(bucket));
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (var page : versions) {
                page.versions().forEach(v -> batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(m -> batch.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            }
            for (int from = 0; from < batch.size(); from += 1000) {
                List<ObjectIdentifier> chunk = batch.subList(from, Math.min(batch.size(), from + 1000));
                clients.s3().deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
            }
            clients.s3().deleteBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException gone) {
            return false;
        }
    }
}
