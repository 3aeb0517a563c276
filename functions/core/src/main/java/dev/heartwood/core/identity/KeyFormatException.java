package dev.heartwood.core.identity;

/** A stored or imported key could not be read: corrupt, the wrong type or length, or the wrong passphrase. */
public class KeyFormatException extends IdentityException {

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
