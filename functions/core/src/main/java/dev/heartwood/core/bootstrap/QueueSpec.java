package dev.heartwood.core.bootstrap;

import java.util.Objects;
import java.util.Optional;

/**
 * A FIFO queue (one message group per agent keeps an agent's events in order). When
 * {@code deadLetterQueue} is set, a message received {@code maxReceiveCount} times without being
 * deleted moves there instead of blocking its group forever.
 */
public record QueueSpec(StoreRole role, String name, String deadLetterQueue, int maxReceiveCount) implements StoreSpec {

    public QueueSpec {
        Objects.requireNonNull(role, "role");
        StoreSpec.requireName(name, "queue");
        if (!name.endsWith(".fifo")) {
            throw new IllegalArgumentException("queue " + name + ": a FIFO queue name must end with .fifo");
        }
        if (deadLetterQueue != null && !deadLetterQueue.endsWith(".fifo")) {
            throw new IllegalArgumentException("queue " + name + ": the dead-letter queue of a FIFO queue must be FIFO too, got "
                    + deadLetterQueue);
        }
        if (deadLetterQueue != null && (maxReceiveCount < 1 || maxReceiveCount > 1000)) {
            throw new IllegalArgumentException("queue " + name + ": maxReceiveCount must be 1-1000, got " + maxReceiveCount);
        }
    }

    public Optional<String> deadLetter() {
        return Optional.ofNullable(deadLetterQueue);
    }

    @Override
    public String kind() {
        return "queue";
    }
}
