package dev.heartwood.core.bootstrap;

/** Makes sure an object store exists with the given settings. */
public interface BucketProvisioner {

    /**
     * Creates the bucket, or brings an existing one to the spec (turning versioning on), or
     * reports that it already matched.
     *
     * @throws BootstrapException if it cannot be reached, is not ours, or conflicts with the spec
     */
    Provisioned ensure(BucketSpec bucket);
}
