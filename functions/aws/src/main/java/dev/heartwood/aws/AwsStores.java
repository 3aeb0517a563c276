package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.runtime.AgentStores;
import java.time.Clock;
import java.util.Map;

/**
 * The AWS stores under one name prefix: memory in the S3 bucket, chat in {@code agent_messages},
 * lease, journal and key logs in the control table, keys in Secrets Manager (the default) or,
 * with {@code HEARTWOOD_KEY_VAULT=kms}, encrypted under {@code HEARTWOOD_KMS_KEY_ID} in the control table.
 */
public final class AwsStores {

    public static final String VAULT_VARIABLE = "HEARTWOOD_KEY_VAULT";
    public static final String KMS_KEY_VARIABLE = "HEARTWOOD_KMS_KEY_ID";

    private AwsStores() {
    }

    /** @throws IllegalArgumentException naming the variable that is wrong */
    public static AgentStores from(AwsClients clients, StoreNames names, Map<String, String> environment, Clock clock) {
        String control = names.nameOf(StoreRole.CONTROL_TABLE);
        return new AgentStores(
                "AWS region " + clients.settings().region().id() + ", prefix " + names.prefix(),
                new S3MemoryStore(clients, names.nameOf(StoreRole.MEMORY_BUCKET)),
                new DynamoDbChatLog(clients, names.nameOf(StoreRole.MESSAGES_TABLE)),
                new DynamoDbLeaseStore(clients, control, clock),
                new DynamoDbJournal(clients, control),
                keyVault(clients, names, environment),
                new DynamoDbKeyLogStore(clients, control));
    }

    /** @throws IllegalArgumentException if {@code HEARTWOOD_KEY_VAULT} names no vault, or kms lacks its key id */
    public static KeyVault keyVault(AwsClients clients, StoreNames names, Map<String, String> environment) {
        String kind = environment.getOrDefault(VAULT_VARIABLE, "secrets-manager").strip();
        return switch (kind) {
            case "secrets-manager", "" -> new SecretsManagerKeyVault(clients, names.prefix());
            case "kms" -> {
                String kmsKey = environment.get(KMS_KEY_VARIABLE);
                if (kmsKey == null || kmsKey.isBlank()) {
                    throw new IllegalArgumentException(VAULT_VARIABLE + "=kms needs " + KMS_KEY_VARIABLE
                            + ": the id, ARN or alias of the KMS key that encrypts agent keys");
                }
                yield new KmsEnvelopeKeyVault(clients, kmsKey.strip(), names.nameOf(StoreRole.CONTROL_TABLE));
            }
            default -> throw new IllegalArgumentException(VAULT_VARIABLE + " '" + kind
                    + "' is not a vault: expected secrets-manager or kms");
        };
    }
}
