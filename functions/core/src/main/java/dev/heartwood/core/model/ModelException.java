package dev.heartwood.core.model;

import java.util.Objects;

/**
 * A model call failed. The message names the provider, the model and the cause, and never holds
 * an API key or the conversation. The {@link Kind} lets a caller decide without parsing text.
 */
public class ModelException extends RuntimeException {

    /** What went wrong, by what the caller can do about it. */
    public enum Kind {
        /** No provider or model is set; fix the configuration. */
        NOT_CONFIGURED,
        /** The provider refused the credentials or denied access to the model; fix the key or permissions. */
        ACCESS_DENIED,
        /** Too many requests or tokens; retry later. */
        RATE_LIMITED,
        /** No answer, a timeout or a server error; retry later. */
        UNAVAILABLE,
        /** The provider refused this request (unknown model, invalid parameter); retrying will not help. */
        BAD_REQUEST,
        /** The provider answered with something that is not a reply we can read. */
        BAD_REPLY
    }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the same request may succeed later without anyone changing anything. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE;
    }

    public boolean notConfigured() {
        return kind == Kind.NOT_CONFIGURED;
    }
}
