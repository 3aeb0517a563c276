package dev.heartwood.core.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One version in a memory file's history.
 *
 * @param deleted true for the marker a delete leaves: the file was removed at this point
 * @param current true for the version a read returns now
 */
public record FileVersion(MemoryPath path, Version version, Instant lastModified, long size, boolean deleted,
        boolean current) {

    public FileVersion {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
