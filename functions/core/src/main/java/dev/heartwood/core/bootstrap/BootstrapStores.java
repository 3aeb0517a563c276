package dev.heartwood.core.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Creates every store in a plan, idempotently: a second run changes nothing and says what
 * already existed. Stops at the first store that fails, leaving the ones before it in place, so
 * fixing the cause and running again picks up where it stopped.
 */
public final class BootstrapStores {

    private final BucketProvisioner buckets;
    private final TableProvisioner tables;
    private final QueueProvisioner queues;

    public BootstrapStores(BucketProvisioner buckets, TableProvisioner tables, QueueProvisioner queues) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.queues = Objects.requireNonNull(queues, "queues");
    }

    /**
     * @param progress told about each store as soon as it is done, so a slow table creation is visible
     * @throws BootstrapException for the first store that could not be made to match its spec
     */
    public BootstrapReport run(StorePlan plan, Consumer<Provisioned> progress) {
        List<Provisioned> done = new ArrayList<>();
        for (StoreSpec store : plan.stores()) {
            Provisioned result = switch (store) {
                case BucketSpec bucket -> buckets.ensure(bucket);
                case TableSpec table -> tables.ensure(table);
                case QueueSpec queue -> queues.ensure(queue);
            };
            done.add(result);
            progress.accept(result);
        }
        return new BootstrapReport(done);
    }
}
