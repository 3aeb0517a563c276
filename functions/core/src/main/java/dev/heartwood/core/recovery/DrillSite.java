package dev.heartwood.core.recovery;

import dev.heartwood.core.runtime.AgentStores;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One of the drill's two installations: its stores, and how to destroy it completely (delete the
 * home directory; or the bucket, tables, secrets and queues). {@code destroy} returns a line
 * saying what it removed.
 */
public record DrillSite(String name, AgentStores stores, Supplier<String> destroy) {

    public DrillSite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(destroy, "destroy");
    }
}
