package dev.heartwood.core.recovery;

import java.util.List;
import java.util.Optional;

/**
 * Where sealed backups are kept: the backup bucket (Object Lock, versioned) on AWS, a backup
 * directory locally. Names are {@code {agentId}/{tier}/{file}}. Writes are create-only, so a
 * backup can never be replaced, only pruned by retention.
 */
public interface BackupStore {

    /**
     * Checks a backup name, {@code {agentId}/{hot|cold}/{file}}, for every adapter alike.
     *
     * @throws IllegalArgumentException naming the name when it is not one
     */
    static String requireName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*/(hot|cold)/[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("backup name '" + name + "' is not {agent}/{hot|cold}/{file}");
        }
        return name;
    }

    /**
     * Stores a new object.
     *
     * @throws BackupException if the name is taken (nothing is overwritten) or the store fails
     */
    void create(String name, byte[] content);

    /** The object's bytes, or empty if there is none. */
    Optional<byte[]> read(String name);

    /** Names under a prefix such as {@code scout/hot/}, sorted. */
    List<String> list(String prefix);

    /** Removes an object (retention pruning); a no-op if it is gone. */
    void delete(String name);

    /** Where the backups are, for messages and manifests (never a secret). */
    String describe();
}
