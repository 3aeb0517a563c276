package dev.heartwood.core.identity.transfer;

import dev.heartwood.core.identity.KeyFormatException;
import java.util.Objects;

/**
 * An age file did not open, and why, so each caller can word the reason for its own kind of file
 * (a key export, a backup archive) without parsing a message.
 */
public final class AgeFileException extends KeyFormatException {

    /** Why the file did not open. */
    public enum Failure {
        /** Empty, or no age header: not an age file at all. */
        NOT_AGE,
        /** No recipient stanza in the file opens with the identity given. */
        WRONG_IDENTITY,
        /** The header or the payload fails authentication: truncated or altered. */
        DAMAGED
    }

    private final Failure failure;

    AgeFileException(Failure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    AgeFileException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public Failure failure() {
        return failure;
    }
}
