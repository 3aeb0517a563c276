package dev.heartwood.core.heartbeat;

/** A conditional journal write lost: someone else decided or finished first. Nothing was written. */
public class JournalConflictException extends RuntimeException {

    public JournalConflictException(String message) {
        super(message);
    }

    public JournalConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
