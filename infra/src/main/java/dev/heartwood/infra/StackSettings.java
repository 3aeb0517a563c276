package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.model.ModelSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One installation's deploy settings, read from CDK context ({@code cdk deploy -c relayUrl=…}).
 * Every value is checked before anything is synthesized; a bad one fails naming its context key.
 *
 * @param names           the resource names, from the same {@link StoreNames} the CLI and the adapters use
 * @param region          the region to deploy to; null leaves the stack region-agnostic (the CLI profile's region)
 * @param account         the account to deploy to; null leaves it account-agnostic
 * @param relayUrl        the relay the heartbeat posts signed messages to
 * @param backupRecipients age recipients ({@code age1…}) backups are encrypted to: public keys, not secrets
 * @param keyVault        {@code secrets-manager} (one secret per agent) or {@code kms} (envelope keys in the control table)
 * @param modelEnvironment the {@code HEARTWOOD_MODEL_*} variables for the functions that ask a model (may be empty)
 * @param modelApiKeySecretArn the Secrets Manager secret holding the OpenAI-compatible API key, or null
 * @param webhookSecretArn an existing Secrets Manager secret holding the webhook secret, or null to generate one
 * @param webhookEnvironment {@code HEARTWOOD_WEBHOOK_SCHEME} / {@code _CHANNEL} when set
 * @param agents          agents whose hourly and weekly backup schedules the stack owns (may be empty)
 * @param replicaBucket   the backup bucket of a second region that backups replicate to, or null
 * @param replicaRegion   that bucket's region, or null
 */
record StackSettings(
        StoreNames names,
        String region,
        String account,
        URI relayUrl,
        List<AgeRecipient> backupRecipients,
        String keyVault,
        int maxReceiveCount,
        int logRetentionDays,
        int backupRetentionDays,
        boolean backupComplianceMode,
        Map<FunctionKind, Integer> memoryMb,
        String alarmEmail,
        int heartbeatMinutes,
        int apiRateLimit,
        int apiBurstLimit,
        Map<String, String> modelEnvironment,
        String modelApiKeySecretArn,
        String webhookSecretArn,
        Map<String, String> webhookEnvironment,
        List<AgentId> agents,
        String replicaBucket,
        String replicaRegion,
        Path functionZip) {

    /** The values CloudWatch Logs accepts as a retention. */
    static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final String DEFAULT_FUNCTION_ZIP = "../functions/lambda/target/function.zip";
    static final String SECRETS_MANAGER_VAULT = "secrets-manager";
    static final String KMS_VAULT = "kms";
    private static final String BACKUP_SUFFIX = "-backup-cold";
    private static final int SCHEDULE_NAME_MAX = 64;

    StackSettings {
        backupRecipients = List.copyOf(backupRecipients);
        memoryMb = Map.copyOf(memoryMb);
        modelEnvironment = Map.copyOf(modelEnvironment);
        webhookEnvironment = Map.copyOf(webhookEnvironment);
        agents = List.copyOf(agents);
    }

    /**
     * Reads and checks every setting.
     *
     * @param context     CDK context by key (values may be strings or, in tests, numbers)
     * @param environment where {@code CDK_DEFAULT_REGION} / {@code CDK_DEFAULT_ACCOUNT} come from (set by the CDK CLI)
     * @throws IllegalArgumentException naming the context key that is missing or wrong
     */
    static StackSettings fromContext(Function<String, Object> context, Map<String, String> environment) {
        Context values = new Context(context);
        StoreNames names = values.parse("prefix", StoreNames.DEFAULT_PREFIX, StoreNames::withPrefix);
        String region = values.optional("region").orElse(blankToNull(environment.get("CDK_DEFAULT_REGION")));
        if (region != null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("context region '" + region + "' is not a region name: expected e.g. eu-west-1");
        }
        String account = values.optional("account").orElse(blankToNull(environment.get("CDK_DEFAULT_ACCOUNT")));
        URI relayUrl = values.parse("relayUrl", null, StackSettings::httpUrl);
        List<AgeRecipient> recipients = values.parse("backupRecipients", null, text -> Arrays.stream(text.split(","))
                .map(String::strip).filter(r -> !r.isEmpty()).map(AgeRecipient::parse).toList());
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("context backupRecipients is empty: expected one or more age recipients (age1…)");
        }
        String keyVault = values.optional("keyVault").orElse(SECRETS_MANAGER_VAULT);
        if (!keyVault.equals(SECRETS_MANAGER_VAULT) && !keyVault.equals(KMS_VAULT)) {
            throw new IllegalArgumentException("context keyVault '" + keyVault + "' is not a vault: expected secrets-manager or kms");
        }
        int maxReceiveCount = values.number("maxReceiveCount", StorePlan.DEFAULT_MAX_RECEIVE_COUNT, 1, 1000);
        int logRetention = values.number("logRetentionDays", 30, 1, 3653);
        if (!LOG_RETENTION_DAYS.contains(logRetention)) {
            throw new IllegalArgumentException("context logRetentionDays " + logRetention
                    + " is not a retention CloudWatch Logs offers: expected one of " + LOG_RETENTION_DAYS);
        }
        int backupRetention = values.number("backupRetentionDays", 7, 1, 36500);
        String lockMode = values.optional("backupLockMode").orElse("governance").toLowerCase(Locale.ROOT);
        if (!lockMode.equals("governance") && !lockMode.equals("compliance")) {
            throw new IllegalArgumentException("context backupLockMode '" + lockMode + "' is not an Object Lock mode: expected governance or compliance");
        }
        Map<FunctionKind, Integer> memory = new EnumMap<>(FunctionKind.class);
        for (FunctionKind kind : FunctionKind.values()) {
            memory.put(kind, values.number(kind.memoryContextKey(), kind.defaultMemoryMb(), 128, 10240));
        }
        String alarmEmail = values.optional("alarmEmail").orElse(null);
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("context alarmEmail '" + alarmEmail + "' is not an e-mail address");
        }
        // Three periods must fit in the one day a CloudWatch alarm can look back over.
        int heartbeatMinutes = values.number("heartbeatMinutes", 15, 1, 480);
        int rate = values.number("apiRateLimit", 10, 1, 10000);
        int burst = values.number("apiBurstLimit", 20, 1, 5000);
        Map<String, String> model = modelEnvironment(values);
        String apiKeySecret = values.optional("modelApiKeySecretArn").map(arn -> secretArn("modelApiKeySecretArn", arn)).orElse(null);
        String webhookSecret = values.optional("webhookSecretArn").map(arn -> secretArn("webhookSecretArn", arn)).orElse(null);
        Map<String, String> webhook = new LinkedHashMap<>();
        values.optional("webhookScheme").ifPresent(scheme -> {
            if (!scheme.equals("hmac-sha256") && !scheme.equals("telegram-secret-token")) {
                throw new IllegalArgumentException("context webhookScheme '" + scheme
                        + "' is not a scheme: expected hmac-sha256 or telegram-secret-token");
            }
            webhook.put("HEARTWOOD_WEBHOOK_SCHEME", scheme);
        });
        values.optional("webhookChannel").ifPresent(channel -> webhook.put("HEARTWOOD_WEBHOOK_CHANNEL", channel));
        List<AgentId> agents = values.parse("agents", "", text -> Arrays.stream(text.split(",")).map(String::strip)
                .filter(a -> !a.isEmpty()).map(AgentId::of).toList());
        for (AgentId agent : agents) {
            if (agent.value().length() + BACKUP_SUFFIX.length() > SCHEDULE_NAME_MAX) {
                throw new IllegalArgumentException("context agents: agent id " + agent + " is too long for a schedule name ("
                        + SCHEDULE_NAME_MAX + " characters with " + BACKUP_SUFFIX + "): create its backup schedules by hand");
            }
        }
        String replicaBucket = values.optional("replicaBucket").orElse(null);
        String replicaRegion = values.optional("replicaRegion").orElse(null);
        if ((replicaBucket == null) != (replicaRegion == null)) {
            throw new IllegalArgumentException("context replicaBucket and replicaRegion go together: the backup bucket of the"
                    + " second region and that region");
        }
        if (replicaRegion != null && replicaRegion.equals(region)) {
            throw new IllegalArgumentException("context replicaRegion " + replicaRegion + " is this stack's own region:"
                    + " cross-region replication needs a second region");
        }
        Path zip = Path.of(values.optional("functionZip").orElse(DEFAULT_FUNCTION_ZIP)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("context functionZip: " + zip + " does not exist: build the functions first"
                    + " (./mvnw -pl functions/lambda -am package -DskipTests from the repository root)");
        }
        return new StackSettings(names, region, account, relayUrl, recipients, keyVault, maxReceiveCount, logRetention,
                backupRetention, lockMode.equals("compliance"), memory, alarmEmail, heartbeatMinutes, rate, burst, model,
                apiKeySecret, webhookSecret, webhook, agents, replicaBucket, replicaRegion, zip);
    }

    String prefix() {
        return names.prefix();
    }

    /** The variable the OpenAI-compatible client reads its key from, when a key secret is configured. */
    Optional<String> modelApiKeyVariable() {
        if (modelApiKeySecretArn == null) {
            return Optional.empty();
        }
        return Optional.of(modelEnvironment.getOrDefault(ModelSettings.API_KEY_VARIABLE, ModelSettings.DEFAULT_API_KEY_VARIABLE));
    }

    /** The model variables, checked by the same {@link ModelSettings} the functions read them with. */
    private static Map<String, String> modelEnvironment(Context values) {
        Map<String, String> model = new LinkedHashMap<>();
        values.optional("modelProvider").ifPresent(v -> model.put(ModelSettings.PROVIDER, v));
        values.optional("model").ifPresent(v -> model.put(ModelSettings.MODEL, v));
        values.optional("modelBaseUrl").ifPresent(v -> model.put(ModelSettings.BASE_URL, v));
        values.optional("modelApiKeyVariable").ifPresent(v -> model.put(ModelSettings.API_KEY_VARIABLE, v));
        try {
            ModelSettings.fromEnvironment(model);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException("context modelProvider / model / modelBaseUrl / modelApiKeyVariable: "
                    + wrong.getMessage(), wrong);
        }
        return model;
    }

    private static String secretArn(String key, String arn) {
        if (!arn.matches("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+")) {
            throw new IllegalArgumentException("context " + key + " '" + arn + "' is not a Secrets Manager secret ARN"
                    + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX)");
        }
        return arn;
    }

    private static URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the message below says what a valid value looks like
        }
        throw new IllegalArgumentException("'" + text + "' is not an http(s) URL");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Context lookups that name the key in every error. */
    private record Context(Function<String, Object> lookup) {

        Optional<String> optional(String key) {
            Object value = lookup.apply(key);
            return Optional.ofNullable(value == null ? null : blankToNull(String.valueOf(value)));
        }

        <T> T parse(String key, String fallback, Function<String, T> parser) {
            String text = optional(key).orElse(fallback);
            if (text == null) {
                throw new IllegalArgumentException("context " + key + " is not set: " + REQUIRED.get(key));
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException wrong) {
                throw new IllegalArgumentException("context " + key + ": " + wrong.getMessage(), wrong);
            }
        }

        int number(String key, int fallback, int min, int max) {
            int value = parse(key, Integer.toString(fallback), text -> {
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a whole number");
                }
            });
            if (value < min || value > max) {
                throw new IllegalArgumentException("context " + key + " " + value + " is out of range: expected " + min + "-" + max);
            }
            return value;
        }
    }

    private static final Map<String, String> REQUIRED = Map.of(
            "relayUrl", "the heartbeat posts the agents' signed messages to this relay, e.g. -c relayUrl=https://relay.example.com",
            "backupRecipients", "backups are encrypted to these age recipients, e.g. -c backupRecipients=age1…(comma-separated)");
}
