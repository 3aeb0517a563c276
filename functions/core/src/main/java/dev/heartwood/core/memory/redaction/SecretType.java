package dev.heartwood.core.memory.redaction;

/** The kinds of secret a {@link Redactor} recognises, each with the placeholder it leaves behind. */
public enum SecretType {
    AWS_ACCESS_KEY("aws-access-key", 6),
    // Below ED25519_SEED: a random base64url seed can hold a 40-character run that also looks like
    // an AWS secret key; the longer seed span is the truer name. A real AWS secret (40 chars) is
    // never a 43/44-character seed, so nothing is lost the other way round.
    AWS_SECRET_KEY("aws-secret-key", 3),
    PRIVATE_KEY("private-key", 9),
    ED25519_SEED("ed25519-seed", 4),
    API_TOKEN("api-token", 5),
    JWT("jwt", 7),
    BEARER_TOKEN("bearer-token", 2),
    SECRET_ASSIGNMENT("secret-assignment", 1),
    CANARY("canary", 8);

    private final String label;
    /**
     * Which name wins when detectors claim overlapping spans: the most specific one, so a JWT sent as
     * a bearer token is reported as a JWT, the agent's own seed as a canary, a PEM block as a private
     * key whatever is inside it, and a token assigned to {@code API_KEY=} as an API token.
     */
    private final int specificity;

    SecretType(String label, int specificity) {
        this.label = label;
        this.specificity = specificity;
    }

    /** The short name used in placeholders and summaries, e.g. {@code aws-access-key}. */
    public String label() {
        return label;
    }

    /** What replaces a secret of this type, e.g. {@code [redacted:aws-access-key]}. */
    public String placeholder() {
        return "[redacted:" + label + "]";
    }

    int specificity() {
        return specificity;
    }
}
