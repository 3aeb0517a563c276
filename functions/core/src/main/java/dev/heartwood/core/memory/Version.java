package dev.heartwood.core.memory;

/** An opaque version of a memory file (an S3 version id or ETag, a local history number): compare, never parse. */
public record Version(String value) {

    public Version {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("version is empty");
        }
    }

    public static Version of(String value) {
        return new Version(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
