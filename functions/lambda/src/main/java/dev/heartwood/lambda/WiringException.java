package dev.heartwood.lambda;

import java.util.Optional;

/** The function's configuration cannot build a use case; the message names the variable, never its value. */
final class WiringException extends RuntimeException {

    WiringException(String message) {
        super(message);
    }

    WiringException(String message, Throwable cause) {
        super(message, cause);
    }

    /** CDI may wrap what a producer throws: this finds ours in the cause chain. */
    static Optional<WiringException> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof WiringException wiring) {
                return Optional.of(wiring);
            }
        }
        return Optional.empty();
    }
}
