package dev.heartwood.core.memory;

/** A memory or chat operation could not be done; the message names the agent, the file or row, and the store, never content. */
public class MemoryException extends RuntimeException {

    public MemoryException(String message) {
        super(message);
    }

    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
