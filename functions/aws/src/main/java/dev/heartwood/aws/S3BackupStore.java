package dev.heartwood.aws;

import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups in the backup bucket under {@code backups/{agentId}/{tier}/}. Every PUT carries
 * {@code If-None-Match: *}, so a backup is never replaced; on the deployed bucket Object Lock
 * keeps it for the retention period even against a delete.
 */
public final class S3BackupStore implements BackupStore {

    static final String PREFIX = "backups/";

    private final S3Client s3;
    private final AwsSettings settings;
    private final String bucket;

    public S3BackupStore(AwsClients clients, String bucket) {
        this.s3 = clients.s3();
        this.settings = clients.settings();
        this.bucket = bucket;
    }

    @Override
    public void create(String name, byte[] content) {
        BackupStore.requireName(name);
        try {
            s3.putObject(b -> b.bucket(bucket).key(PREFIX + name).ifNoneMatch("*").contentType("application/octet-stream"),
                    RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                // A retried PUT whose first attempt landed finds its own bytes: that is success.
                if (read(name).filter(stored -> Arrays.equals(stored, content)).isPresent()) {
                    return;
                }
                throw new BackupException("backup " + name + " already exists in " + describe()
                        + ": backups are never replaced", e);
            }
            throw failure("write backup " + name, e);
        } catch (SdkException e) {
            throw failure("write backup " + name, e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) {
        BackupStore.requireName(name);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + name)).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read backup " + name, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX + prefix)).contents()) {
                names.add(object.key().substring(PREFIX.length()));
            }
        } catch (SdkException e) {
            throw failure("list backups under " + prefix, e);
        }
        return names.stream().sorted().toList();
    }

    @Override
    public void delete(String name) {
        BackupStore.requireName(name);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(PREFIX + name));
        } catch (SdkException e) {
            throw failure("delete backup " + name, e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + PREFIX + " (" + settings.region().id() + ")";
    }

    private BackupException failure(String action, SdkException e) {
        return new BackupException("cannot " + action + " in " + describe() + ": "
                + SdkFailures.describe(e, AwsService.S3, settings), e);
    }
}
