package dev.heartwood.relay;

/**
 * The relay could not be reached or did not answer as the protocol says (connection refused,
 * timeout, HTTP 5xx, a reply that is not the protocol's JSON). Unlike
 * {@link dev.heartwood.core.relay.RelayRejectedException} nothing was refused, so the outbox
 * retries; resending the same messageId is safe because the relay deduplicates on it.
 */
public class RelayUnavailableException extends RuntimeException {

    public RelayUnavailableException(String message) {
        super(message);
    }

    public RelayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
