package dev.heartwood.core.identity;

/** A key write lost to another writer, or would overwrite a key: nothing was changed. */
public class KeyConflictException extends IdentityException {

    public KeyConflictException(String message) {
        super(message);
    }

    public KeyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
