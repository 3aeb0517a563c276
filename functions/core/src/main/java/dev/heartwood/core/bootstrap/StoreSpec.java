package dev.heartwood.core.bootstrap;

/** One store that bootstrap makes sure exists, described in the terms the agent cares about. */
public sealed interface StoreSpec permits BucketSpec, TableSpec, QueueSpec {

    StoreRole role();

    String name();

    /** A short word for reports and errors: bucket, table or queue. */
    String kind();

    static void requireName(String name, String kind) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(kind + " name is empty");
        }
    }
}
