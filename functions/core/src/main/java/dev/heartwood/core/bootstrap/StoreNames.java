package dev.heartwood.core.bootstrap;

import java.util.regex.Pattern;

/**
 * The names of an installation's stores, all derived from one prefix so that several installations
 * (or test runs) can share an account.
 *
 * <p>The prefix must be valid inside an S3 bucket name, the strictest of the names it builds:
 * lowercase letters, digits and hyphens, starting and ending with a letter or digit.
 */
public record StoreNames(String prefix) {

    public static final String DEFAULT_PREFIX = "heartwood";
    static final int MAX_PREFIX_LENGTH = 40;
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    public StoreNames {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix is empty: expected 1-" + MAX_PREFIX_LENGTH
                    + " lowercase letters, digits or hyphens");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH || !PREFIX.matcher(prefix).matches() || prefix.contains("--")) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is not valid: expected 1-" + MAX_PREFIX_LENGTH
                    + " lowercase letters, digits or single hyphens, starting and ending with a letter or digit"
                    + " (it starts S3 bucket names)");
        }
    }

    public static StoreNames withPrefix(String prefix) {
        return new StoreNames(prefix);
    }

    /** The AWS name of the store playing {@code role}; FIFO queues carry the mandatory {@code .fifo} suffix. */
    public String nameOf(StoreRole role) {
        String name = prefix + "-" + role.baseName();
        return switch (role) {
            case HEARTBEAT_QUEUE, DEAD_LETTER_QUEUE -> name + ".fifo";
            case MEMORY_BUCKET, BACKUP_BUCKET, MESSAGES_TABLE, CONTROL_TABLE -> name;
        };
    }
}
