package dev.heartwood.core.bootstrap;

import java.util.Objects;

/** What bootstrap found or did for one store; {@code detail} says which settings were checked or set. */
public record Provisioned(StoreSpec store, Change change, String detail) {

    public enum Change {
        CREATED, UPDATED, EXISTED
    }

    public Provisioned {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(change, "change");
        detail = detail == null ? "" : detail;
    }

    public static Provisioned created(StoreSpec store, String detail) {
        return new Provisioned(store, Change.CREATED, detail);
    }

    public static Provisioned updated(StoreSpec store, String detail) {
        return new Provisioned(store, Change.UPDATED, detail);
    }

    public static Provisioned existed(StoreSpec store, String detail) {
        return new Provisioned(store, Change.EXISTED, detail);
    }
}
