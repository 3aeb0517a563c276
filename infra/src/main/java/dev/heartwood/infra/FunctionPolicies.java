package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.model.ModelSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What each function's role may do: exactly the calls its adapters make (read from
 * {@code functions/aws}), on the stores it touches, narrowed by key prefix where the layout allows.
 *
 * <p>Per agent no narrowing is possible: one function serves every agent, and the agent is named
 * in the event, not in the caller's identity. What the layout does allow: memory objects only under
 * {@code agents/}, backups only under {@code backups/}, agent functions kept out of the dispatch
 * roster's partitions ({@code dispatch#…}), and dispatch kept inside them except for the agent
 * pointer it moves.
 */
final class FunctionPolicies {

    /** Roster partitions of the control table (RosterItems): agent ids never contain '#'. */
    static final String ROSTER_PARTITIONS = "dispatch#*";

    private final Stack stack;
    private final Stores stores;
    private final StackSettings settings;

    FunctionPolicies(Stack stack, Stores stores, StackSettings settings) {
        this.stack = stack;
        this.stores = stores;
        this.settings = settings;
    }

    List<PolicyStatement> statements(FunctionKind kind) {
        List<PolicyStatement> statements = new ArrayList<>();
        switch (kind) {
            case HEARTBEAT, WORKER -> {
                // S3MemoryStore: read (GetObject; by version for If-Match when the ETag is not cached),
                // write (PutObject), list versions (memory.audit). Heartbeats never delete memory.
                statements.add(allow("MemoryFiles", memoryObjects(), "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"));
                statements.add(memoryListing());
                // DynamoDbChatLog: newest/before (Query), append (PutItem, TransactWriteItems of Puts), conflict read (GetItem).
                statements.add(allow("ChatRows", List.of(table(StoreRole.MESSAGES_TABLE)),
                        "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem"));
                // Lease (UpdateItem), journal and outbox (Query, GetItem, PutItem, UpdateItem; transactions
                // of those), key log (Query), KMS vault (GetItem).
                statements.add(agentPartitions(allow("ControlItems", List.of(table(StoreRole.CONTROL_TABLE)),
                        "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")));
                statements.add(storeEncryption(true, "s3", "dynamodb"));
                statements.addAll(keyVaultRead());
                statements.addAll(model());
            }
            case WEBHOOK -> {
                // TakeTurn: BuildContext reads memory files by name; AppendChat writes the two rows.
                statements.add(allow("MemoryFiles", memoryObjects(), "s3:GetObject"));
                statements.add(allow("ChatRows", List.of(table(StoreRole.MESSAGES_TABLE)),
                        "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem"));
                statements.add(storeEncryption(true, "s3", "dynamodb"));
                statements.addAll(model());
            }
            case BACKUP -> {
                // AgentSnapshot reads memory, chat, journal and key log; the key signs the manifest.
                statements.add(allow("MemoryFiles", memoryObjects(), "s3:GetObject"));
                statements.add(memoryListing());
                statements.add(allow("ChatRows", List.of(table(StoreRole.MESSAGES_TABLE)), "dynamodb:Query"));
                statements.add(agentPartitions(allow("ControlItems", List.of(table(StoreRole.CONTROL_TABLE)),
                        "dynamodb:Query", "dynamodb:GetItem")));
                // S3BackupStore: create-only PUT, read back, list a tier, prune.
                statements.add(allow("BackupObjects",
                        List.of(stores.bucket(StoreRole.BACKUP_BUCKET).arnForObjects(Stores.BACKUP_PREFIX + "*")),
                        "s3:PutObject", "s3:GetObject", "s3:DeleteObject"));
                statements.add(prefixed(allow("BackupListing", List.of(stores.bucket(StoreRole.BACKUP_BUCKET).getBucketArn()),
                        "s3:ListBucket"), Stores.BACKUP_PREFIX));
                statements.add(storeEncryption(false, "s3", "dynamodb"));
                statements.addAll(keyVaultRead());
            }
            case DISPATCH -> {
                // DynamoDbDueIndex: due shards (Query), the shard count (PutItem, GetItem), advancing
                // (a transaction deleting and putting roster items) — all in roster partitions.
                PolicyStatement roster = allow("RosterItems", List.of(table(StoreRole.CONTROL_TABLE)),
                        "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
                roster.addCondition("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(ROSTER_PARTITIONS)));
                statements.add(roster);
                // The same transaction moves the agent's pointer item, which lives in the agent's own
                // partition: any agent id, so this UpdateItem cannot be narrowed by partition.
                statements.add(allow("AgentPointers", List.of(table(StoreRole.CONTROL_TABLE)), "dynamodb:UpdateItem"));
                // SqsHeartbeatQueue: the URL once, then SendMessageBatch (authorized as sqs:SendMessage).
                statements.add(allow("HeartbeatQueue", List.of(stores.queue(StoreRole.HEARTBEAT_QUEUE).getQueueArn()),
                        "sqs:GetQueueUrl", "sqs:SendMessage"));
                statements.add(storeEncryption(true, "dynamodb"));
            }
        }
        return statements;
    }

    private List<String> memoryObjects() {
        return List.of(stores.bucket(StoreRole.MEMORY_BUCKET).arnForObjects(Stores.MEMORY_PREFIX + "*"));
    }

    /** ListObjectVersions, only with a prefix under {@code agents/}. */
    private PolicyStatement memoryListing() {
        return prefixed(allow("MemoryListing", List.of(stores.bucket(StoreRole.MEMORY_BUCKET).getBucketArn()),
                "s3:ListBucketVersions"), Stores.MEMORY_PREFIX);
    }

    private String table(StoreRole role) {
        return stores.table(role).getTableArn();
    }

    /**
     * The project key as S3 (SSE-KMS) and DynamoDB (table encryption) use it on the caller's behalf,
     * and only through those services: the set CDK's own table grants ask for, without ReEncrypt.
     */
    private PolicyStatement storeEncryption(boolean writes, String... services) {
        List<String> actions = new ArrayList<>(List.of("kms:Decrypt", "kms:DescribeKey"));
        if (writes) {
            actions.addAll(List.of("kms:Encrypt", "kms:GenerateDataKey"));
        }
        PolicyStatement statement = allow("StoreEncryption", List.of(stores.key.getKeyArn()), actions.toArray(String[]::new));
        statement.addCondition("StringEquals", Map.of("kms:ViaService", java.util.Arrays.stream(services)
                .map(service -> service + "." + stack.getRegion() + ".amazonaws.com").toList()));
        return statement;
    }

    /** The agent's signing key, read to sign relay posts and backup manifests. */
    private List<PolicyStatement> keyVaultRead() {
        if (settings.keyVault().equals(StackSettings.KMS_VAULT)) {
            // KmsEnvelopeKeyVault decrypts the data key itself (not through a service); only data keys
            // sealed for the signing-key purpose open. The agent part of the context cannot be pinned:
            // the function serves every agent.
            PolicyStatement decrypt = allow("AgentKeys", List.of(stores.key.getKeyArn()), "kms:Decrypt");
            decrypt.addCondition("StringEquals", Map.of("kms:EncryptionContext:heartwood:purpose", "signing-key"));
            return List.of(decrypt);
        }
        // SecretsManagerKeyVault: GetSecretValue by stage, DescribeSecret to check the cached version.
        // The trailing * stands for the agent id and the six characters Secrets Manager appends.
        String secrets = stack.formatArn(ArnComponents.builder().service("secretsmanager").resource("secret")
                .resourceName(settings.prefix() + "/agents/*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        return List.of(allow("AgentKeys", List.of(secrets), "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"));
    }

    /** BedrockModelClient calls Converse, which IAM authorizes as bedrock:InvokeModel. */
    private List<PolicyStatement> model() {
        if (!"bedrock".equals(settings.modelEnvironment().get(ModelSettings.PROVIDER))) {
            return List.of();
        }
        String model = settings.modelEnvironment().get(ModelSettings.MODEL);
        // A cross-region inference profile ("eu.anthropic.…", a geography before provider.model) routes
        // to the model in any of its regions, so the foundation model is allowed in every region; the
        // model id stays pinned.
        String foundation = "arn:" + stack.getPartition() + ":bedrock:*::foundation-model/" + model.replaceFirst("^[a-z-]+\\.(?=[^.]+\\.)", "");
        String profile = stack.formatArn(ArnComponents.builder().service("bedrock").resource("inference-profile")
                .resourceName(model).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        return List.of(allow("Model", List.of(foundation, profile), "bedrock:InvokeModel"));
    }

    private static PolicyStatement agentPartitions(PolicyStatement statement) {
        statement.addCondition("ForAllValues:StringNotLike", Map.of("dynamodb:LeadingKeys", List.of(ROSTER_PARTITIONS)));
        return statement;
    }

    private static PolicyStatement prefixed(PolicyStatement statement, String prefix) {
        statement.addCondition("StringLike", Map.of("s3:prefix", List.of(prefix + "*")));
        return statement;
    }

    private static PolicyStatement allow(String sid, List<String> resources, String... actions) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(List.of(actions))
                .resources(resources).build();
    }
}
