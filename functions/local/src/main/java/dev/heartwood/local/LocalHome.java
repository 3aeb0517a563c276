package dev.heartwood.local;

import dev.heartwood.core.bootstrap.StoreRole;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The embedded default's data directory ({@code --home}, default {@code ~/.heartwood}). Each
 * store is a directory named after its role, so the tree reads like the AWS resources it stands in
 * for: {@code memory/}, {@code backups/}, {@code agent_messages/}, {@code control/},
 * {@code heartbeat/}, {@code heartbeat-dlq/}.
 */
public record LocalHome(Path root) {

    public LocalHome {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public static LocalHome at(Path root) {
        return new LocalHome(root);
    }

    /**
     * {@code ~/.heartwood}, the home used when neither {@code --home} nor HEARTWOOD_HOME is given.
     * {@code ~} is {@code $HOME} when set, as a shell user expects; the JVM's {@code user.home}
     * comes from the password database and ignores it.
     */
    public static LocalHome defaultHome(Map<String, String> environment) {
        String home = environment.get("HOME");
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
        return new LocalHome(base.resolve(".heartwood"));
    }

    public Path store(StoreRole role) {
        return root.resolve(role.baseName());
    }

    /** Encrypted key files, one directory per agent. */
    public Path keys() {
        return root.resolve("keys");
    }

    /** The loopback relay's ledger: registrations, key logs and received messages. */
    public Path relay() {
        return root.resolve("relay");
    }
}
