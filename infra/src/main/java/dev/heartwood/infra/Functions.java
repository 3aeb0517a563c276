package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.model.ModelSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The five functions, all from the one {@code function.zip}: one role, one log group and one
 * {@code live} alias each. SnapStart snapshots published versions only, so everything that invokes a
 * function (schedules, the queue, the API) points at the alias, never at {@code $LATEST}.
 */
final class Functions extends Construct {

    static final String ALIAS = "live";
    /** The webhook must answer inside API Gateway's 30 s: the model gets 20 s of its 29, each AWS call 8 s. */
    static final String WEBHOOK_MODEL_TIMEOUT = "20s";
    static final String WEBHOOK_AWS_CALL_TIMEOUT = "8s";

    private final Map<FunctionKind, Function> functions = new EnumMap<>(FunctionKind.class);
    private final Map<FunctionKind, Alias> aliases = new EnumMap<>(FunctionKind.class);
    private final Map<FunctionKind, Role> roles = new EnumMap<>(FunctionKind.class);
    final ISecret webhookSecret;

    Functions(Construct scope, String id, StackSettings settings, Stores stores) {
        super(scope, id);
        Stack stack = Stack.of(this);
        webhookSecret = settings.webhookSecretArn() != null
                ? Secret.fromSecretCompleteArn(this, "WebhookSecret", settings.webhookSecretArn())
                // Letters and digits only: Telegram's secret_token allows no punctuation.
                : Secret.Builder.create(this, "WebhookSecret").secretName(settings.prefix() + "/webhook-secret")
                        .description("HMAC secret (or Telegram secret_token) of the Heartwood webhook")
                        .generateSecretString(SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true)
                                .build())
                        .build();
        AssetCode code = Code.fromAsset(settings.functionZip().toString());
        FunctionPolicies policies = new FunctionPolicies(stack, stores, settings);
        for (FunctionKind kind : FunctionKind.values()) {
            String name = settings.prefix() + "-" + kind.handlerName();
            LogGroup logs = LogGroup.Builder.create(this, kind.handlerName() + "-logs")
                    .logGroupName("/aws/lambda/" + name)
                    .retention(retention(settings.logRetentionDays()))
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build();
            Role role = Role.Builder.create(this, kind.handlerName() + "-role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("Heartwood " + kind.handlerName() + " function (" + settings.prefix() + ")")
                    .build();
            policies.statements(kind).forEach(role::addToPolicy);
            // Only its own log group: the group exists before the function, so no logs:CreateLogGroup.
            logs.grantWrite(role);
            Function function = Function.Builder.create(this, kind.handlerName())
                    .functionName(name)
                    .description("Heartwood " + kind.handlerName() + " (" + FunctionKind.HANDLER_VARIABLE + "=" + kind.handlerName() + ")")
                    .code(code)
                    .handler(FunctionKind.HANDLER)
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .memorySize(settings.memoryMb().get(kind))
                    .timeout(kind.timeout())
                    .role(role)
                    .logGroup(logs)
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .environment(environment(kind, settings, stores))
                    .build();
            Alias alias = Alias.Builder.create(this, kind.handlerName() + "-alias")
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            // CDK warns that SnapStart needs a published version; currentVersion is exactly that.
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every function is invoked through its live alias on a published version");
            functions.put(kind, function);
            aliases.put(kind, alias);
            roles.put(kind, role);
        }
        // One heartbeat per invocation (see FunctionKind.WORKER); failed records come back alone.
        alias(FunctionKind.WORKER).addEventSource(SqsEventSource.Builder.create(stores.queue(StoreRole.HEARTBEAT_QUEUE))
                .batchSize(1)
                .reportBatchItemFailures(true)
                .build());
    }

    Function function(FunctionKind kind) {
        return functions.get(kind);
    }

    Alias alias(FunctionKind kind) {
        return aliases.get(kind);
    }

    Role role(FunctionKind kind) {
        return roles.get(kind);
    }

    /** What LambdaWiring, AwsStores, RuntimeSettings and ModelSettings read, per function. */
    private Map<String, String> environment(FunctionKind kind, StackSettings settings, Stores stores) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(FunctionKind.HANDLER_VARIABLE, kind.handlerName());
        env.put("HEARTWOOD_PREFIX", settings.prefix());
        List<String> secretVariables = new ArrayList<>();
        if (kind.usesAgentStores()) {
            // AwsStores builds the key vault for every function that builds the stores, so these
            // must agree even where the vault is never read (webhook).
            env.put("HEARTWOOD_KEY_VAULT", settings.keyVault());
            if (settings.keyVault().equals(StackSettings.KMS_VAULT)) {
                env.put("HEARTWOOD_KMS_KEY_ID", stores.key.getKeyArn());
            }
        }
        switch (kind) {
            case HEARTBEAT, WORKER -> {
                env.put("HEARTWOOD_RELAY_URL", settings.relayUrl().toString());
                secretVariables.addAll(model(env, settings));
            }
            case WEBHOOK -> {
                // A CloudFormation dynamic reference: the template holds the secret's ARN, and
                // CloudFormation puts the value into the function's configuration at deploy time.
                env.put("HEARTWOOD_WEBHOOK_SECRET", webhookSecret.getSecretValue().unsafeUnwrap());
                secretVariables.add("HEARTWOOD_WEBHOOK_SECRET");
                env.putAll(settings.webhookEnvironment());
                secretVariables.addAll(model(env, settings));
                env.put(ModelSettings.TIMEOUT, WEBHOOK_MODEL_TIMEOUT);
                env.put("HEARTWOOD_AWS_CALL_TIMEOUT", WEBHOOK_AWS_CALL_TIMEOUT);
            }
            case BACKUP -> env.put("HEARTWOOD_BACKUP_RECIPIENTS", settings.backupRecipients().stream()
                    .map(AgeRecipient::value).collect(Collectors.joining(",")));
            case DISPATCH -> {
                // the prefix names the control table and the queue: nothing else is read
            }
        }
        if (!secretVariables.isEmpty()) {
            // Their values become redaction canaries: never written to memory, chat or backups.
            env.put("HEARTWOOD_SECRET_VARIABLES", String.join(",", secretVariables));
        }
        return env;
    }

    /** The model variables; returns the variables that hold secrets. */
    private List<String> model(Map<String, String> env, StackSettings settings) {
        env.putAll(settings.modelEnvironment());
        return settings.modelApiKeyVariable().map(variable -> {
            env.put(variable, SecretValue.secretsManager(settings.modelApiKeySecretArn()).unsafeUnwrap());
            return List.of(variable);
        }).orElse(List.of());
    }

    /** RetentionDays declares CloudWatch's retentions in ascending order, then INFINITE. */
    private static RetentionDays retention(int days) {
        int index = StackSettings.LOG_RETENTION_DAYS.indexOf(days);
        if (index < 0) {
            throw new IllegalArgumentException("context logRetentionDays " + days + " is not a retention CloudWatch Logs offers");
        }
        return RetentionDays.values()[index];
    }
}
