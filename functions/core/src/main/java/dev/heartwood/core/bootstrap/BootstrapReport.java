package dev.heartwood.core.bootstrap;

import java.util.List;

/** The outcome of one bootstrap, store by store, in plan order. */
public record BootstrapReport(List<Provisioned> stores) {

    public BootstrapReport {
        stores = List.copyOf(stores);
    }

    public long count(Provisioned.Change change) {
        return stores.stream().filter(p -> p.change() == change).count();
    }

    /** True when the run found everything in place and changed nothing. */
    public boolean changedNothing() {
        return count(Provisioned.Change.EXISTED) == stores.size();
    }
}
