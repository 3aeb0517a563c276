package dev.heartwood.core.bootstrap;

/** Makes sure a table exists with the given keys and expiry attribute. */
public interface TableProvisioner {

    /**
     * Creates the table (and waits until it is usable), or enables its TTL, or reports that it
     * already matched.
     *
     * @throws BootstrapException if it cannot be reached, or exists with other keys
     */
    Provisioned ensure(TableSpec table);
}
