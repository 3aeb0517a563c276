package dev.heartwood.core.recovery;

import java.util.Arrays;
import java.util.Objects;

/**
 * A backup ready to store: the age-encrypted tar and, beside it, the signed manifest file.
 *
 * @param archive the encrypted archive, stored as {@link #archiveName()}
 * @param manifestFile the signed manifest file, stored as {@link #manifestName()}
 */
public record SealedBackup(BackupManifest manifest, byte[] archive, byte[] manifestFile) {

    public static final String ARCHIVE_SUFFIX = ".tar.age";
    public static final String MANIFEST_SUFFIX = ".manifest.json";

    public SealedBackup {
        Objects.requireNonNull(manifest, "manifest");
        archive = archive.clone();
        manifestFile = manifestFile.clone();
    }

    @Override
    public byte[] archive() {
        return archive.clone();
    }

    @Override
    public byte[] manifestFile() {
        return manifestFile.clone();
    }

    public String archiveName() {
        return manifest.archive().name();
    }

    /** The archive's name with {@code .tar.age} replaced by {@code .manifest.json}. */
    public String manifestName() {
        return manifestNameOf(archiveName());
    }

    /** Where the manifest of an archive is kept, beside it: {@code x.tar.age} → {@code x.manifest.json}. */
    public static String manifestNameOf(String archiveName) {
        String stem = archiveName.endsWith(ARCHIVE_SUFFIX)
                ? archiveName.substring(0, archiveName.length() - ARCHIVE_SUFFIX.length()) : archiveName;
        return stem + MANIFEST_SUFFIX;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedBackup that && manifest.equals(that.manifest) && Arrays.equals(archive, that.archive)
                && Arrays.equals(manifestFile, that.manifestFile);
    }

    @Override
    public int hashCode() {
        return manifest.hashCode();
    }

    @Override
    public String toString() {
        return "SealedBackup[" + archiveName() + ", " + archive.length + " bytes, " + manifest.entries().size() + " entries]";
    }
}
