package dev.heartwood.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootstrapStoresTest {

    /** Remembers what exists, like a real account would; can be told to refuse one store. */
    static final class InMemoryStores implements BucketProvisioner, TableProvisioner, QueueProvisioner {
        final Set<String> existing = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        String refuse;

        private Provisioned ensureAny(StoreSpec spec) {
            calls.add(spec.name());
            if (spec.name().equals(refuse)) {
                throw new BootstrapException(spec, "access denied");
            }
            return existing.add(spec.name()) ? Provisioned.created(spec, "") : Provisioned.existed(spec, "");
        }

        @Override
        public Provisioned ensure(BucketSpec bucket) {
            return ensureAny(bucket);
        }

        @Override
        public Provisioned ensure(TableSpec table) {
            return ensureAny(table);
        }

        @Override
        public Provisioned ensure(QueueSpec queue) {
            return ensureAny(queue);
        }
    }

    private final InMemoryStores stores = new InMemoryStores();
    private final BootstrapStores bootstrap = new BootstrapStores(stores, stores, stores);
    private final StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix("t"), 3);

    @Test
    void run_whenNothingExists_createsEveryStoreAndReportsEachAsItGoes() {
        List<Provisioned> progress = new ArrayList<>();

        BootstrapReport report = bootstrap.run(plan, progress::add);

        assertThat(report.count(Provisioned.Change.CREATED)).isEqualTo(6);
        assertThat(progress).isEqualTo(report.stores());
        assertThat(report.changedNothing()).isFalse();
    }

    @Test
    void run_whenRunTwice_secondRunChangesNothing() {
        bootstrap.run(plan, p -> { });

        BootstrapReport second = bootstrap.run(plan, p -> { });

        assertThat(second.changedNothing()).isTrue();
        assertThat(second.count(Provisioned.Change.EXISTED)).isEqualTo(6);
    }

    @Test
    void run_whenOneStoreFails_stopsThereNamingItAndKeepsWhatWasDone() {
        stores.refuse = "t-agent_messages";

        assertThatThrownBy(() -> bootstrap.run(plan, p -> { }))
                .isInstanceOf(BootstrapException.class)
                .hasMessage("table t-agent_messages: access denied");
        assertThat(stores.calls).containsExactly("t-memory", "t-backups", "t-agent_messages");
        assertThat(stores.existing).containsExactlyInAnyOrder("t-memory", "t-backups");
    }
}
