package dev.heartwood.aws;

import dev.heartwood.core.identity.IdentityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The Secrets Manager mechanics under {@link SecretsManagerKeyVault}: versions, staging labels and
 * their compare-and-set, with expected refusals returned as outcomes and every other SDK failure
 * turned into one line naming the secret.
 */
final class SecretVersions {

    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    /** Labels a rotation's new version until it is promoted; AWSPENDING is left to rotation Lambdas. */
    static final String STAGED = "HEARTWOOD_STAGED";
    /** Force-deleted names are freed by a background process; create waits this long at most for one. */
    private static final int CREATE_ATTEMPTS = 5;
    private static final Duration FIRST_CREATE_BACKOFF = Duration.ofMillis(250);

    private final SecretsManagerClient secrets;
    private final AwsSettings settings;

    SecretVersions(SecretsManagerClient secrets, AwsSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    /** One stored version. SecretString is a {@code String} in the SDK and cannot be cleared. */
    record Version(String versionId, String secretString) {
        @Override
        public String toString() {
            return "Version[" + versionId + ", value redacted]";
        }
    }

    enum Promotion { PROMOTED, LOST, MISSING }

    /** The version carrying {@code stage}; empty if the secret or the label does not exist, or the secret is being deleted. */
    Optional<Version> read(String name, String stage) {
        return call(name, () -> {
            try {
                GetSecretValueResponse response = secrets.getSecretValue(b -> b.secretId(name).versionStage(stage));
                return Optional.of(new Version(response.versionId(), response.secretString()));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            } catch (InvalidRequestException e) {
                // A forced delete takes a moment to finish, and a deletion with a recovery window
                // keeps the secret unreadable for days; either way the key is gone for us.
                if (describe(name).map(d -> d.deletedDate() != null).orElse(true)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Metadata only: which version carries AWSCURRENT; empty if the secret does not exist or is being deleted. */
    Optional<String> currentVersionId(String name) {
        return call(name, () -> describe(name).filter(d -> d.deletedDate() == null).flatMap(d -> {
            Map<String, List<String>> stages = d.versionIdsToStages();
            return stages.entrySet().stream().filter(e -> e.getValue().contains(CURRENT)).map(Map.Entry::getKey).findFirst();
        }));
    }

    private Optional<DescribeSecretResponse> describe(String name) {
        try {
            return Optional.of(secrets.describeSecret(b -> b.secretId(name)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** @return false if a secret of that name exists (nothing is written then) */
    boolean create(String name, String token, String secretString, String description, String tagKey, String tagValue) {
        return call(name, () -> {
            Duration backoff = FIRST_CREATE_BACKOFF;
            for (int attempt = 1; ; attempt++) {
                try {
                    secrets.createSecret(b -> b.name(name).clientRequestToken(token).secretString(secretString)
                            .description(description).tags(Tag.builder().key(tagKey).value(tagValue).build()));
                    return true;
                } catch (ResourceExistsException e) {
                    return false;
                } catch (InvalidRequestException e) {
                    // A name freed by a forced delete stays "scheduled for deletion" for a moment.
                    if (attempt == CREATE_ATTEMPTS) {
                        throw e;
                    }
                    pause(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        });
    }

    /**
     * Adds a version labelled {@value #STAGED} (not current). A version with this token that already
     * exists is kept as it is: the token names the key, so it holds the same key.
     *
     * @return false if the secret does not exist
     */
    boolean stage(String name, String token, String secretString) {
        return call(name, () -> {
            try {
                secrets.putSecretValue(b -> b.secretId(name).clientRequestToken(token).secretString(secretString)
                        .versionStages(STAGED));
            } catch (ResourceExistsException e) {
                // An earlier attempt stored this key under this id, with another createdAt: use it.
                return true;
            } catch (ResourceNotFoundException e) {
                return false;
            }
            return true;
        });
    }

    /**
     * Moves AWSCURRENT from {@code from} to {@code token}. Secrets Manager refuses when the label is
     * no longer on {@code from} ("If the label is attached and ... the version ID does not match,
     * then the operation fails"), which makes this a compare-and-set; AWSPREVIOUS then follows to
     * {@code from} by the service's own rule.
     */
    Promotion promote(String name, String token, String from) {
        return call(name, () -> {
            try {
                secrets.updateSecretVersionStage(b -> b.secretId(name).versionStage(CURRENT)
                        .moveToVersionId(token).removeFromVersionId(from));
                return Promotion.PROMOTED;
            } catch (InvalidParameterException | InvalidRequestException e) {
                // The label moved under us: someone else won, or an SDK retry of this very call already moved it.
                Optional<String> now = currentVersionId(name);
                if (now.isEmpty()) {
                    return Promotion.MISSING;
                }
                if (now.get().equals(token)) {
                    return Promotion.PROMOTED;
                }
                if (!now.get().equals(from)) {
                    return Promotion.LOST;
                }
                throw e;
            } catch (ResourceNotFoundException e) {
                return Promotion.MISSING;
            }
        });
    }

    /** Forced: every version, no recovery window. */
    void delete(String name) {
        call(name, () -> {
            try {
                return secrets.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
            } catch (ResourceNotFoundException e) {
                // AWS answers a forced delete of a missing secret with success; an emulator may not.
                return null;
            }
        });
    }

    private <T> T call(String name, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw new IdentityException("secret " + name + ": " + SdkFailures.describe(e, AwsService.SECRETS_MANAGER, settings), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityException("interrupted while waiting for Secrets Manager", e);
        }
    }
}
