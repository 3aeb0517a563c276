package dev.heartwood.core.recovery;

/** A backup could not be made or opened. Messages name entries by path and keys by did:key, never content or secrets. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
