package dev.heartwood.lambda;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.BedrockModelClient;
import dev.heartwood.aws.DynamoDbChatLog;
import dev.heartwood.aws.DynamoDbJournal;
import dev.heartwood.aws.DynamoDbLeaseStore;
import dev.heartwood.aws.S3MemoryStore;
import dev.heartwood.aws.SecretsManagerKeyVault;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.PlanHeartbeat;
import dev.heartwood.core.heartbeat.RelayOutboxSender;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.heartbeat.task.HttpCheckTask;
import dev.heartwood.core.heartbeat.task.MemoryAuditTask;
import dev.heartwood.core.heartbeat.task.MemoryCompactTask;
import dev.heartwood.core.heartbeat.task.ModelPromptTask;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.heartbeat.task.TaskExecutor;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatSummarizer;
import dev.heartwood.core.memory.CompactChat;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelSettings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Lambda runtime's one wiring place: the AWS adapters the CLI uses with {@code --aws}, built
 * from the environment. Use cases are produced on first use, so a function that only answers
 * webhooks never needs the relay, and tests replace them with {@code @Alternative} beans.
 */
@ApplicationScoped
class LambdaWiring {

    static final String PREFIX_VARIABLE = "HEARTWOOD_PREFIX";
    static final String RELAY_VARIABLE = "HEARTWOOD_RELAY_URL";
    static final String SECRET_VARIABLES = "HEARTWOOD_SECRET_VARIABLES";
    static final String WEBHOOK_SECRET_VARIABLE = "HEARTWOOD_WEBHOOK_SECRET";
    static final String WEBHOOK_CHANNEL_VARIABLE = "HEARTWOOD_WEBHOOK_CHANNEL";
    static final int MODEL_MAX_TOKENS = 1024;

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
        MemoryStore store = memoryStore();
        AppendDailyLog dailyLog = new AppendDailyLog(store, redactor(), MemoryLimits.DEFAULT, clock);
        List<TaskExecutor> executors = List.of(new RelayPostTask(), new HttpCheckTask(Duration.ofSeconds(10)),
                new MemoryCompactTask(new CompactChat(chatLog(), store, dailyLog, ChatSummarizer.extractive(),
                        ContextBudget.DEFAULT.chatRows())),
                new MemoryAuditTask(store, clock, Duration.ofDays(30)),
                new ModelPromptTask(modelClient(), new BuildContext(store, chatLog(), clock, ContextBudget.DEFAULT),
                        dailyLog, MODEL_MAX_TOKENS));
        String control = names().nameOf(StoreRole.CONTROL_TABLE);
        return new RunHeartbeat(new DynamoDbLeaseStore(awsClients(), control, clock),
                new DynamoDbJournal(awsClients(), control), store,
                new PlanHeartbeat(executors.stream().map(TaskExecutor::kind).collect(Collectors.toSet())), executors,
                new RelayOutboxSender(new SecretsManagerKeyVault(awsClients(), names().prefix()),
                        new HttpRelay(relayBase), relayBase, clock),
                dailyLog, clock, Duration.ofMinutes(5), "lambda-" + UUID.randomUUID());
    }

    @Produces
    @Singleton
    AnswerWebhook answerWebhook() {
        String secret = environment.get(WEBHOOK_SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new WiringException(WEBHOOK_SECRET_VARIABLE + " is not set: the webhook cannot authenticate requests");
        }
        WebhookScheme scheme;
        try {
            scheme = WebhookScheme.hmacSha256(secret.strip().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException weak) {
            throw new WiringException(WEBHOOK_SECRET_VARIABLE + " is unusable: " + weak.getMessage(), weak);
        }
        String channel = environment.getOrDefault(WEBHOOK_CHANNEL_VARIABLE, "telegram");
        ChatLog chat = chatLog();
        TakeTurn turn = new TakeTurn(new AppendChat(chat, redactor()), chat,
                new BuildContext(memoryStore(), chat, clock, ContextBudget.DEFAULT), modelClient(), MODEL_MAX_TOKENS);
        return new AnswerWebhook(WebhookAuthenticator.of(channel, scheme, clock), turn);
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

    private MemoryStore memoryStore() {
        return new S3MemoryStore(awsClients(), names().nameOf(StoreRole.MEMORY_BUCKET));
    }

    private ChatLog chatLog() {
        return new DynamoDbChatLog(awsClients(), names().nameOf(StoreRole.MESSAGES_TABLE));
    }

    /** Standard detectors plus, as canaries, the values of the variables named in HEARTWOOD_SECRET_VARIABLES. */
    private Redactor redactor() {
        List<String> canaries = new ArrayList<>();
        for (String name : environment.getOrDefault(SECRET_VARIABLES, "").split(",")) {
            String value = name.isBlank() ? null : environment.get(name.strip());
            if (value != null && value.length() >= 8) {
                canaries.add(value);
            }
        }
        return canaries.isEmpty() ? Redactor.standard() : Redactor.standard().withCanaries(canaries);
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
