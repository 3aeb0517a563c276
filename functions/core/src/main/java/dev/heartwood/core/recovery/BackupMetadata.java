package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a backup says about itself besides its contents: whose it is, its tier, when it was made
 * and where from.
 *
 * @param createdAt the backup time; also every tar entry's modification time (whole seconds)
 * @param source a free description of where the contents came from, e.g. {@code embedded /home/x/.heartwood}
 *     or {@code aws eu-west-1 prefix hw}; 1-200 printable characters, and no secret (it is checked)
 */
public record BackupMetadata(AgentId agent, BackupTier tier, Instant createdAt, String source) {

    static final int MAX_SOURCE = 200;
    /** ustar keeps times in 11 octal digits. */
    static final long MAX_EPOCH_SECOND = 077777777777L;
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{C}\\p{Zl}\\p{Zp}]");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public BackupMetadata {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(createdAt, "createdAt");
        if (createdAt.getEpochSecond() < 0 || createdAt.getEpochSecond() > MAX_EPOCH_SECOND) {
            throw new IllegalArgumentException("backup createdAt " + createdAt + " is out of range: expected 1970-01-01"
                    + " up to " + Instant.ofEpochSecond(MAX_EPOCH_SECOND) + " (a tar time)");
        }
        String why = sourceProblem(source);
        if (why != null) {
            throw new IllegalArgumentException("backup source " + why);
        }
    }

    /** The archive's file name: {@code {agent}-{tier}-{yyyyMMdd'T'HHmmss'Z'}.tar.age}, sorting by time per agent and tier. */
    public String archiveName() {
        return agent.value() + "-" + tier.label() + "-" + STAMP.format(createdAt) + ".tar.age";
    }

    static String sourceProblem(String source) {
        if (source == null || source.isBlank()) {
            return "is empty: expected a description such as 'embedded /home/x/.heartwood' or 'aws eu-west-1 prefix hw'";
        }
        if (source.length() > MAX_SOURCE) {
            return "is longer than " + MAX_SOURCE + " characters";
        }
        if (UNPRINTABLE.matcher(source).find()) {
            return "holds a control or line-separator character: expected one line of printable text";
        }
        return null;
    }
}
