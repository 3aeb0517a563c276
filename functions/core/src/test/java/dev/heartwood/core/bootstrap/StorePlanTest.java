package dev.heartwood.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StorePlanTest {

    private final StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix("acme"), 4);

    @Test
    void forInstallation_createsTheDeadLetterQueueBeforeTheQueueThatRedrivesToIt() {
        assertThat(plan.stores()).extracting(StoreSpec::role).containsExactly(
                StoreRole.MEMORY_BUCKET, StoreRole.BACKUP_BUCKET, StoreRole.MESSAGES_TABLE, StoreRole.CONTROL_TABLE,
                StoreRole.DEAD_LETTER_QUEUE, StoreRole.HEARTBEAT_QUEUE);
    }

    @Test
    void forInstallation_usesTheDesignedKeysAndRedrive() {
        assertThat(plan.stores()).contains(
                new BucketSpec(StoreRole.MEMORY_BUCKET, "acme-memory", true),
                new TableSpec(StoreRole.MESSAGES_TABLE, "acme-agent_messages", "app_id", "created_at", null),
                new TableSpec(StoreRole.CONTROL_TABLE, "acme-control", "agent_id", "item", "expires_at"),
                new QueueSpec(StoreRole.HEARTBEAT_QUEUE, "acme-heartbeat.fifo", "acme-heartbeat-dlq.fifo", 4));
    }

    @Test
    void queueSpec_whenNotFifo_isRejectedWithTheRule() {
        assertThatThrownBy(() -> new QueueSpec(StoreRole.HEARTBEAT_QUEUE, "plain", null, 0))
                .hasMessage("queue plain: a FIFO queue name must end with .fifo");
    }

    @Test
    void queueSpec_whenReceiveCountOutOfRange_isRejected() {
        assertThatThrownBy(() -> new QueueSpec(StoreRole.HEARTBEAT_QUEUE, "q.fifo", "d.fifo", 0))
                .hasMessageContaining("maxReceiveCount must be 1-1000, got 0");
    }
}
