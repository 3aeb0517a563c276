package dev.heartwood.lambda;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.BedrockModelClient;
import dev.heartwood.aws.DynamoDbDueIndex;
import dev.heartwood.aws.S3BackupStore;
import dev.heartwood.aws.SqsHeartbeatQueue;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelSettings;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.core.webhook.AnswerWebhook;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import dev.heartwood.core.webhook.WebhookScheme;
import dev.heartwood.models.OpenAiCompatibleModelClient;
import dev.heartwood.relay.HttpRelay;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda runtime's one wiring place: the AWS adapters the CLI uses with {@code --aws}, built
 * from the environment. Use cases are produced on first use, so a function that only answers
 * webhooks never needs the relay, and tests replace them with {@code @Alternative} beans.
 */
@ApplicationScoped
class LambdaWiring {

    static final String PREFIX_VARIABLE = "HEARTWOOD_PREFIX";
    static final String RELAY_VARIABLE = "HEARTWOOD_RELAY_URL";
    static final String WEBHOOK_SECRET_VARIABLE = "HEARTWOOD_WEBHOOK_SECRET";
    static final String WEBHOOK_CHANNEL_VARIABLE = "HEARTWOOD_WEBHOOK_CHANNEL";
    static final String WEBHOOK_SCHEME_VARIABLE = "HEARTWOOD_WEBHOOK_SCHEME";
    static final String BACKUP_RECIPIENTS_VARIABLE = "HEARTWOOD_BACKUP_RECIPIENTS";
    static final String KEEP_HOT_VARIABLE = "HEARTWOOD_BACKUP_KEEP_HOT";
    static final String KEEP_COLD_VARIABLE = "HEARTWOOD_BACKUP_KEEP_COLD";

    private final Map<String, String> environment;
    private final Clock clock = Clock.systemUTC();
    private AwsClients clients;

    LambdaWiring() {
        this(System.getenv());
    }

    LambdaWiring(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Produces
    @Singleton
    RunHeartbeat runHeartbeat() {
        URI relayBase = relayUrl();
        return useCases().runHeartbeat(settings().redactor(), new HttpRelay(relayBase), relayBase,
                "lambda-" + UUID.randomUUID());
    }

    /**
     * The webhook's turn, authenticated by the channel's scheme: HMAC-SHA256 over timestamp and
     * body by default, or Telegram's {@code secret_token} header with
     * {@code HEARTWOOD_WEBHOOK_SCHEME=telegram-secret-token}.
     */
    @Produces
    @Singleton
    AnswerWebhook answerWebhook() {
        String secret = environment.get(WEBHOOK_SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new WiringException(WEBHOOK_SECRET_VARIABLE + " is not set: the webhook cannot authenticate requests");
        }
        String schemeName = environment.getOrDefault(WEBHOOK_SCHEME_VARIABLE, "hmac-sha256").strip();
        WebhookScheme scheme;
        try {
            scheme = switch (schemeName) {
                case "hmac-sha256" -> WebhookScheme.hmacSha256(secret.strip().getBytes(StandardCharsets.UTF_8));
                case "telegram-secret-token" -> WebhookScheme.telegramSecretToken(secret.strip());
                default -> throw new WiringException(WEBHOOK_SCHEME_VARIABLE + " '" + schemeName
                        + "' is not a scheme: expected hmac-sha256 or telegram-secret-token");
            };
        } catch (IllegalArgumentException weak) {
            throw new WiringException(WEBHOOK_SECRET_VARIABLE + " is unusable: " + weak.getMessage(), weak);
        }
        String channel = environment.getOrDefault(WEBHOOK_CHANNEL_VARIABLE, "telegram");
        return new AnswerWebhook(WebhookAuthenticator.of(channel, scheme, clock), useCases().takeTurn(settings().redactor()));
    }

    /**
     * Backups of the agent named in the schedule's input, encrypted to {@code HEARTWOOD_BACKUP_RECIPIENTS}
     * and kept in the backup bucket; retention from {@code HEARTWOOD_BACKUP_KEEP_HOT} / {@code _COLD}.
     */
    @Produces
    @Singleton
    RunBackup runBackup() {
        String recipients = environment.getOrDefault(BACKUP_RECIPIENTS_VARIABLE, "");
        try {
            List<AgeRecipient> parsed = java.util.Arrays.stream(recipients.split(",")).map(String::strip)
                    .filter(r -> !r.isEmpty()).map(AgeRecipient::parse).toList();
            if (parsed.isEmpty()) {
                throw new WiringException(BACKUP_RECIPIENTS_VARIABLE + " is not set: backups are encrypted to age"
                        + " recipients (age1…), comma-separated");
            }
            RunBackup.Retention retention = new RunBackup.Retention(
                    RuntimeSettings.intSetting(environment, KEEP_HOT_VARIABLE, RunBackup.Retention.DEFAULT.hot()),
                    RuntimeSettings.intSetting(environment, KEEP_COLD_VARIABLE, RunBackup.Retention.DEFAULT.cold()));
            return new RunBackup(useCases().stores(), new S3BackupStore(awsClients(), names().nameOf(StoreRole.BACKUP_BUCKET)),
                    parsed, settings().redactor(), retention, clock);
        } catch (IllegalArgumentException misconfigured) {
            throw new WiringException(misconfigured.getMessage(), misconfigured);
        }
    }

    /** The fleet tick: the roster in the control table, the FIFO heartbeat queue. */
    @Produces
    @Singleton
    DispatchDueAgents dispatchDueAgents() {
        return new DispatchDueAgents(new DynamoDbDueIndex(awsClients(), names().nameOf(StoreRole.CONTROL_TABLE)),
                new SqsHeartbeatQueue(awsClients(), names().nameOf(StoreRole.HEARTBEAT_QUEUE)),
                () -> "dispatch-" + UUID.randomUUID());
    }

    private UseCases useCases() {
        try {
            return new UseCases(AwsStores.from(awsClients(), names(), environment, clock), settings(), modelClient(), clock);
        } catch (IllegalArgumentException misconfigured) {
            throw new WiringException(misconfigured.getMessage(), misconfigured);
        }
    }

    private RuntimeSettings settings() {
        try {
            return RuntimeSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException misconfigured) {
            throw new WiringException(misconfigured.getMessage(), misconfigured);
        }
    }

    private URI relayUrl() {
        String url = environment.get(RELAY_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new WiringException(RELAY_VARIABLE + " is not set: the heartbeat needs the relay's base URL");
        }
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new WiringException(RELAY_VARIABLE + " is not a URL: " + e.getMessage(), e);
        }
    }

    private StoreNames names() {
        return StoreNames.withPrefix(environment.getOrDefault(PREFIX_VARIABLE, StoreNames.DEFAULT_PREFIX));
    }

    private ModelClient modelClient() {
        ModelSettings settings = ModelSettings.fromEnvironment(environment);
        return switch (settings.provider()) {
            case NONE -> ModelClient.none();
            case BEDROCK -> BedrockModelClient.from(awsClients(), settings);
            case OPENAI -> OpenAiCompatibleModelClient.from(settings, environment);
        };
    }

    private synchronized AwsClients awsClients() {
        if (clients == null) {
            clients = new AwsClients(AwsSettings.fromEnvironment(environment));
        }
        return clients;
    }

    @PreDestroy
    synchronized void close() {
        if (clients != null) {
            clients.close();
        }
    }
}
