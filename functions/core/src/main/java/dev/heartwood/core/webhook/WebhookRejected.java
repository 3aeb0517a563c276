package dev.heartwood.core.webhook;

/**
 * An incoming webhook that must be answered with an HTTP error and changes nothing. The reason is
 * safe to return to the caller: it names the field or header, never a secret or the body.
 */
public final class WebhookRejected extends RuntimeException {

    private final int status;

    public WebhookRejected(int status, String reason) {
        super(reason);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("status must be a 4xx HTTP status, got " + status);
        }
        this.status = status;
    }

    static WebhookRejected badRequest(String reason) {
        return new WebhookRejected(400, reason);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
