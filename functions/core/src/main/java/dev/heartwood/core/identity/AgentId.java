package dev.heartwood.core.identity;

import java.util.regex.Pattern;

/**
 * Names one agent. It ends up in S3 keys, secret names and DynamoDB partition keys, so it is
 * restricted to what is safe in all of them.
 */
public record AgentId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public AgentId {
        if (value == null || !VALID.matcher(value).matches() || value.contains("--")) {
            throw new IllegalArgumentException("agent id '" + value + "' is not valid: expected 1-64 lowercase letters,"
                    + " digits or single hyphens, starting and ending with a letter or digit");
        }
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
