package dev.heartwood.aws;

import dev.heartwood.core.identity.IdentityException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Reads operator-managed secrets, such as the age identity that opens a key export in a new account. */
public final class SecretsManagerSecrets {

    private final SecretsManagerClient secrets;
    private final AwsSettings settings;

    public SecretsManagerSecrets(AwsClients clients) {
        this.secrets = clients.secretsManager();
        this.settings = clients.settings();
    }

    /** @throws IdentityException naming the secret when it is missing, binary or unreadable (never its value) */
    public String read(String name) {
        try {
            String text = secrets.getSecretValue(b -> b.secretId(name)).secretString();
            if (text == null) {
                throw new IdentityException("secret " + name + " holds binary data, not text");
            }
            return text;
        } catch (ResourceNotFoundException e) {
            throw new IdentityException("secret " + name + " does not exist in " + settings.describeEndpoint(AwsService.SECRETS_MANAGER), e);
        } catch (SdkException e) {
            throw new IdentityException("secret " + name + ": " + SdkFailures.describe(e, AwsService.SECRETS_MANAGER, settings), e);
        }
    }
}
