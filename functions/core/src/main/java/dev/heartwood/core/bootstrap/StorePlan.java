package dev.heartwood.core.bootstrap;

import java.util.List;

/**
 * Every store an installation needs, in the order they must be created (a dead-letter queue before
 * the queue that redrives to it).
 */
public record StorePlan(List<StoreSpec> stores) {

    /** Chat rows: one partition per app, rows sorted by ISO-8601 instant plus a unique suffix. */
    public static final String MESSAGES_PARTITION_KEY = "app_id";
    public static final String MESSAGES_SORT_KEY = "created_at";
    /** Leases, journal entries, outbox messages and the key log of one agent share its partition. */
    public static final String CONTROL_PARTITION_KEY = "agent_id";
    public static final String CONTROL_SORT_KEY = "item";
    /** Epoch seconds after which DynamoDB may delete a control item (expired leases, settled outbox rows). */
    public static final String CONTROL_TTL_ATTRIBUTE = "expires_at";
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

    public StorePlan {
        stores = List.copyOf(stores);
    }

    public static StorePlan forInstallation(StoreNames names, int maxReceiveCount) {
        return new StorePlan(List.of(
                new BucketSpec(StoreRole.MEMORY_BUCKET, names.nameOf(StoreRole.MEMORY_BUCKET), true),
                new BucketSpec(StoreRole.BACKUP_BUCKET, names.nameOf(StoreRole.BACKUP_BUCKET), true),
                new TableSpec(StoreRole.MESSAGES_TABLE, names.nameOf(StoreRole.MESSAGES_TABLE),
                        MESSAGES_PARTITION_KEY, MESSAGES_SORT_KEY, null),
                new TableSpec(StoreRole.CONTROL_TABLE, names.nameOf(StoreRole.CONTROL_TABLE),
                        CONTROL_PARTITION_KEY, CONTROL_SORT_KEY, CONTROL_TTL_ATTRIBUTE),
                new QueueSpec(StoreRole.DEAD_LETTER_QUEUE, names.nameOf(StoreRole.DEAD_LETTER_QUEUE), null, 0),
                new QueueSpec(StoreRole.HEARTBEAT_QUEUE, names.nameOf(StoreRole.HEARTBEAT_QUEUE),
                        names.nameOf(StoreRole.DEAD_LETTER_QUEUE), maxReceiveCount)));
    }
}
