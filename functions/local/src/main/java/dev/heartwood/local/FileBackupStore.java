package dev.heartwood.local;

import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups as files in a directory ({@code backups/} under the home by default, or any directory
 * such as a mounted disk). Each file is created whole or not at all and never replaced.
 */
public final class FileBackupStore implements BackupStore {


    private final Path root;

    public FileBackupStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static FileBackupStore in(LocalHome home) {
        return new FileBackupStore(home.store(dev.heartwood.core.bootstrap.StoreRole.BACKUP_BUCKET));
    }

    @Override
    public void create(String name, byte[] content) {
        Path file = file(name);
        try {
            if (!AtomicFiles.createNewWhole(file, content)) {
                throw new BackupException("backup " + name + " already exists in " + root + ": backups are never replaced");
            }
        } catch (IOException e) {
            throw new BackupException("cannot write backup " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) {
        Path file = file(name);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackupException("cannot read backup " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(n -> n.startsWith(prefix) && !n.contains("/.")).sorted().toList();
        } catch (IOException e) {
            throw new BackupException("cannot list backups in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new BackupException("cannot delete backup " + name + " in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "backup directory " + root;
    }

    private Path file(String name) {
        return root.resolve(BackupStore.requireName(name));
    }
}
