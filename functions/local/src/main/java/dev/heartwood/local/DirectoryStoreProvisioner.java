package dev.heartwood.local;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.BucketProvisioner;
import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.QueueProvisioner;
import dev.heartwood.core.bootstrap.QueueSpec;
import dev.heartwood.core.bootstrap.StoreSpec;
import dev.heartwood.core.bootstrap.TableProvisioner;
import dev.heartwood.core.bootstrap.TableSpec;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Provisions every kind of store as a directory under a {@link LocalHome}. One class serves the
 * three ports because on a local disk a bucket, a table and a queue are the same thing: a private
 * directory. Directories are created owner-only (0700) where the file system supports it, since
 * the home will hold the agent's memory and its encrypted key.
 */
public final class DirectoryStoreProvisioner implements BucketProvisioner, TableProvisioner, QueueProvisioner {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final LocalHome home;

    public DirectoryStoreProvisioner(LocalHome home) {
        this.home = home;
    }

    @Override
    public Provisioned ensure(BucketSpec bucket) {
        return ensureDirectory(bucket);
    }

    @Override
    public Provisioned ensure(TableSpec table) {
        return ensureDirectory(table);
    }

    @Override
    public Provisioned ensure(QueueSpec queue) {
        return ensureDirectory(queue);
    }

    private Provisioned ensureDirectory(StoreSpec spec) {
        Path dir = home.store(spec.role());
        try {
            createPrivate(home.root(), spec);
            boolean existed = createPrivate(dir, spec);
            return existed ? Provisioned.existed(spec, dir.toString()) : Provisioned.created(spec, dir.toString());
        } catch (AccessDeniedException e) {
            throw new BootstrapException(spec, "permission denied creating " + e.getFile(), e);
        } catch (IOException e) {
            throw new BootstrapException(spec, "cannot create " + dir + ": " + e, e);
        }
    }

    /** Returns whether the directory was already there. */
    private static boolean createPrivate(Path dir, StoreSpec spec) throws IOException {
        if (Files.isDirectory(dir)) {
            return true;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new BootstrapException(spec, dir + " exists but is not a directory: move it away and run again");
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (POSIX) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createDirectory(dir);
        }
        return false;
    }
}
