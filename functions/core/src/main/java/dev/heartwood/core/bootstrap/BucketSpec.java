package dev.heartwood.core.bootstrap;

import java.util.Objects;

/** An object store. Versioning keeps every earlier state of a memory file recoverable. */
public record BucketSpec(StoreRole role, String name, boolean versioned) implements StoreSpec {

    public BucketSpec {
        Objects.requireNonNull(role, "role");
        StoreSpec.requireName(name, "bucket");
    }

    @Override
    public String kind() {
        return "bucket";
    }
}
