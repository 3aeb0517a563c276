package dev.heartwood.core.bootstrap;

/** A store could not be checked or created; the message names the store and the cause, never a credential. */
public class BootstrapException extends RuntimeException {

    private final transient StoreSpec store;

    public BootstrapException(StoreSpec store, String reason, Throwable cause) {
        super(store.kind() + " " + store.name() + ": " + reason, cause);
        this.store = store;
    }

    public BootstrapException(StoreSpec store, String reason) {
        this(store, reason, null);
    }

    public StoreSpec store() {
        return store;
    }
}
