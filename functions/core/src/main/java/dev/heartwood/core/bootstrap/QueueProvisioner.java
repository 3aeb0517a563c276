package dev.heartwood.core.bootstrap;

/** Makes sure a FIFO queue exists, with its redrive to a dead-letter queue when the spec has one. */
public interface QueueProvisioner {

    /**
     * Creates the queue, or sets its redrive policy, or reports that it already matched. The
     * dead-letter queue must exist already: {@link StorePlan} orders it first.
     *
     * @throws BootstrapException if it cannot be reached, or exists as a non-FIFO queue
     */
    Provisioned ensure(QueueSpec queue);
}
