package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.BucketProvisioner;
import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.Provisioned;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates S3 buckets and turns their versioning on. */
public final class S3BucketProvisioner implements BucketProvisioner {

    private final S3Client s3;
    private final AwsSettings settings;

    public S3BucketProvisioner(AwsClients clients) {
        this.s3 = clients.s3();
        this.settings = clients.settings();
    }

    @Override
    public Provisioned ensure(BucketSpec bucket) {
        try {
            boolean created = createUnlessPresent(bucket);
            boolean versioningTurnedOn = bucket.versioned() && turnOnVersioning(bucket);
            String detail = bucket.versioned() ? "versioning on" : "";
            if (created) {
                return Provisioned.created(bucket, detail);
            }
            return versioningTurnedOn ? Provisioned.updated(bucket, "versioning turned on") : Provisioned.existed(bucket, detail);
        } catch (BootstrapException e) {
            throw e;
        } catch (SdkException e) {
            throw new BootstrapException(bucket, SdkFailures.describe(e, AwsService.S3, settings), e);
        }
    }

    private boolean createUnlessPresent(BucketSpec bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket.name()));
            return false;
        } catch (NoSuchBucketException e) {
            return create(bucket);
        } catch (S3Exception e) {
            // HEAD has no body, so S3 can only say 403 or 301: someone else's bucket, or ours in another region.
            if (e.statusCode() == 403) {
                throw new BootstrapException(bucket, "the name is taken by another account, or these credentials may not"
                        + " read it (HTTP 403): choose another prefix or grant s3:ListBucket", e);
            }
            if (e.statusCode() == 301) {
                throw new BootstrapException(bucket, "exists in another region than " + settings.region().id()
                        + ": set AWS_REGION to its region or choose another prefix", e);
            }
            throw e;
        }
    }

    private boolean create(BucketSpec bucket) {
        Region region = settings.region();
        try {
            s3.createBucket(b -> {
                b.bucket(bucket.name());
                // us-east-1 is the one region that rejects an explicit location constraint.
                if (!Region.US_EAST_1.equals(region)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
                }
            });
            return true;
        } catch (BucketAlreadyOwnedByYouException e) {
            return false; // another bootstrap created it between our HEAD and CREATE
        } catch (BucketAlreadyExistsException e) {
            throw new BootstrapException(bucket, "the name is taken by another account: choose another prefix", e);
        }
    }

    /** Returns whether versioning had to be turned on (it was off or suspended). */
    private boolean turnOnVersioning(BucketSpec bucket) {
        BucketVersioningStatus status = s3.getBucketVersioning(b -> b.bucket(bucket.name())).status();
        if (status == BucketVersioningStatus.ENABLED) {
            return false;
        }
        s3.putBucketVersioning(b -> b.bucket(bucket.name())
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return true;
    }
}
