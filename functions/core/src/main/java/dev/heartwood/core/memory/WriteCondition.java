package dev.heartwood.core.memory;

import java.util.Objects;

/** When a write may go ahead: the guard that keeps two writers from losing each other's update. */
public sealed interface WriteCondition permits WriteCondition.CreateOnly, WriteCondition.IfUnchanged,
        WriteCondition.Unconditional {

    /** Only if the file does not exist (If-None-Match: *). */
    record CreateOnly() implements WriteCondition {
    }

    /** Only if the file is still at {@code version} (If-Match). */
    record IfUnchanged(Version version) implements WriteCondition {
        public IfUnchanged {
            Objects.requireNonNull(version, "version");
        }
    }

    /** Last writer wins: for tools and tests, never for read-modify-write. */
    record Unconditional() implements WriteCondition {
    }

    static WriteCondition createOnly() {
        return new CreateOnly();
    }

    static WriteCondition ifUnchanged(Version version) {
        return new IfUnchanged(version);
    }

    static WriteCondition unconditional() {
        return new Unconditional();
    }
}
