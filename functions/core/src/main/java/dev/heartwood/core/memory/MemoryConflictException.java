package dev.heartwood.core.memory;

/** A conditional write lost: the file exists (create-only) or changed since the version the writer read. Nothing was written. */
public class MemoryConflictException extends MemoryException {

    public MemoryConflictException(String message) {
        super(message);
    }

    public MemoryConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
