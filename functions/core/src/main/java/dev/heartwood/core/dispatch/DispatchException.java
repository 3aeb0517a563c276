package dev.heartwood.core.dispatch;

/** An unexpected failure of the roster or the heartbeat queue: an outage, a missing store, a denied permission. */
public class DispatchException extends RuntimeException {

    public DispatchException(String message) {
        super(message);
    }

    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
