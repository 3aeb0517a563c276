package dev.heartwood.core.memory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/** A memory file's content at one version. */
public record MemoryFile(MemoryPath path, String content, Version version, Instant lastModified) {

    public MemoryFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    public int sizeInBytes() {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }
}
