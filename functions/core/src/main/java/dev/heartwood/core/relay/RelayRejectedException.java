package dev.heartwood.core.relay;

/** The relay refused a request; the message says why (bad signature, unknown key, replayed nonce ...). */
public class RelayRejectedException extends RuntimeException {

    public RelayRejectedException(String reason) {
        super(reason);
    }

    public RelayRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
