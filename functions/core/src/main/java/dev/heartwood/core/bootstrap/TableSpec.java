package dev.heartwood.core.bootstrap;

import java.util.Objects;
import java.util.Optional;

/**
 * A key-value table with a string partition key and a string sort key, and optionally an
 * attribute whose epoch-seconds value expires the item.
 */
public record TableSpec(StoreRole role, String name, String partitionKey, String sortKey, String ttlAttribute)
        implements StoreSpec {

    public TableSpec {
        Objects.requireNonNull(role, "role");
        StoreSpec.requireName(name, "table");
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("table " + name + ": partition key is empty");
        }
        if (sortKey == null || sortKey.isBlank()) {
            throw new IllegalArgumentException("table " + name + ": sort key is empty");
        }
        if (ttlAttribute != null && ttlAttribute.isBlank()) {
            throw new IllegalArgumentException("table " + name + ": TTL attribute is blank (use none instead)");
        }
    }

    public Optional<String> ttl() {
        return Optional.ofNullable(ttlAttribute);
    }

    @Override
    public String kind() {
        return "table";
    }
}
