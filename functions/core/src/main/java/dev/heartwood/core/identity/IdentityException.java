package dev.heartwood.core.identity;

/** Something about an agent's identity could not be done. Messages name the agent and the store, never key material. */
public class IdentityException extends RuntimeException {

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
