package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsService;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.aws.BedrockModelClient;
import dev.heartwood.aws.DynamoDbChatLog;
import dev.heartwood.aws.DynamoDbJournal;
import dev.heartwood.aws.DynamoDbLeaseStore;
import dev.heartwood.aws.DynamoDbKeyLogStore;
import dev.heartwood.aws.S3MemoryStore;
import dev.heartwood.aws.KmsEnvelopeKeyVault;
import dev.heartwood.aws.SecretsManagerKeyVault;
import dev.heartwood.aws.SecretsManagerSecrets;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.PlanHeartbeat;
import dev.heartwood.core.heartbeat.RelayOutboxSender;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.heartbeat.task.ModelPromptTask;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelSettings;
import dev.heartwood.models.OpenAiCompatibleModelClient;
import dev.heartwood.core.heartbeat.task.HttpCheckTask;
import dev.heartwood.core.heartbeat.task.MemoryAuditTask;
import dev.heartwood.core.heartbeat.task.MemoryCompactTask;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.heartbeat.task.TaskExecutor;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatSummarizer;
import dev.heartwood.core.memory.CompactChat;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.WriteMemory;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.FileChatLog;
import dev.heartwood.local.FileJournal;
import dev.heartwood.local.FileLeaseStore;
import dev.heartwood.local.FileKeyLogStore;
import dev.heartwood.local.FileMemoryStore;
import dev.heartwood.local.FileKeyVault;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.relay.HttpRelay;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The CLI's one wiring place: turns the global options and the environment into the adapters a
 * command needs, local by default and AWS with {@code --aws}. AWS clients are built only when a
 * command asks for them, and closed with the runtime.
 */
final class CliRuntime implements AutoCloseable {

    static final String HOME_VARIABLE = "HEARTWOOD_HOME";
    static final String PREFIX_VARIABLE = "HEARTWOOD_PREFIX";
    static final String VAULT_VARIABLE = "HEARTWOOD_KEY_VAULT";
    static final String KMS_KEY_VARIABLE = "HEARTWOOD_KMS_KEY_ID";
    static final String RELAY_VARIABLE = "HEARTWOOD_RELAY_URL";
    static final String SECRET_VARIABLES = "HEARTWOOD_SECRET_VARIABLES";
    static final String MAX_FILE_VARIABLE = "HEARTWOOD_MEMORY_MAX_FILE_BYTES";
    static final String MEMORY_BUDGET_VARIABLE = "HEARTWOOD_MEMORY_BUDGET_CHARS";

    private final boolean aws;
    private final LocalHome home;
    private final StoreNames names;
    private final Map<String, String> environment;
    private AwsClients clients;

    private final InputStream stdin;

    private CliRuntime(boolean aws, LocalHome home, StoreNames names, Map<String, String> environment, InputStream stdin) {
        this.aws = aws;
        this.home = home;
        this.names = names;
        this.environment = environment;
        this.stdin = stdin;
    }

    /** @throws IllegalArgumentException naming the option or variable that is wrong */
    static CliRuntime from(HeartwoodCli options) {
        Map<String, String> env = options.environment;
        LocalHome home = options.home != null ? LocalHome.at(options.home)
                : env.containsKey(HOME_VARIABLE) && !env.get(HOME_VARIABLE).isBlank()
                        ? LocalHome.at(Path.of(env.get(HOME_VARIABLE)))
                        : LocalHome.defaultHome(env);
        String prefix = options.prefix != null ? options.prefix
                : env.getOrDefault(PREFIX_VARIABLE, StoreNames.DEFAULT_PREFIX);
        return new CliRuntime(options.aws, home, StoreNames.withPrefix(prefix), env, options.stdin);
    }

    boolean aws() {
        return aws;
    }

    StoreNames names() {
        return names;
    }

    /** One line saying where the command acts, so a user never bootstraps the wrong account by surprise. */
    String describeTarget() {
        if (!aws) {
            return "embedded default at " + home.root();
        }
        AwsSettings settings = awsClients().settings();
        return "AWS region " + settings.region().id() + ", prefix " + names.prefix()
                + (settings.endpoints().isEmpty() ? ""
                        : " (S3 at " + settings.describeEndpoint(AwsService.S3) + ", DynamoDB at "
                                + settings.describeEndpoint(AwsService.DYNAMODB) + ", SQS at "
                                + settings.describeEndpoint(AwsService.SQS) + ")");
    }

    BootstrapStores bootstrapStores() {
        if (!aws) {
            var directories = new DirectoryStoreProvisioner(home);
            return new BootstrapStores(directories, directories, directories);
        }
        AwsClients aws = awsClients();
        return new BootstrapStores(new S3BucketProvisioner(aws), new DynamoDbTableProvisioner(aws),
                new SqsQueueProvisioner(aws));
    }

    LocalHome home() {
        return home;
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The key vault: an encrypted key file under the home locally; with {@code --aws}, Secrets
     * Manager (one secret per agent, the default) or, with {@code HEARTWOOD_KEY_VAULT=kms}, keys
     * encrypted under {@code HEARTWOOD_KMS_KEY_ID} in the control table.
     */
    KeyVault keyVault() {
        if (!aws) {
            return new FileKeyVault(home, new CliPassphrase(environment, System.console(), home.keys().toString()));
        }
        String kind = environment.getOrDefault(VAULT_VARIABLE, "secrets-manager");
        return switch (kind) {
            case "secrets-manager" -> new SecretsManagerKeyVault(awsClients(), names.prefix());
            case "kms" -> {
                String kmsKey = environment.get(KMS_KEY_VARIABLE);
                if (kmsKey == null || kmsKey.isBlank()) {
                    throw new IllegalArgumentException(VAULT_VARIABLE + "=kms needs " + KMS_KEY_VARIABLE
                            + ": the id, ARN or alias of the KMS key that encrypts agent keys");
                }
                yield new KmsEnvelopeKeyVault(awsClients(), kmsKey, names.nameOf(StoreRole.CONTROL_TABLE));
            }
            default -> throw new IllegalArgumentException(VAULT_VARIABLE + " '" + kind
                    + "' is not a vault: expected secrets-manager or kms");
        };
    }

    /** Where key logs live: the control table with {@code --aws}, else the home's control directory. */
    KeyLogStore keyLogs() {
        return aws ? new DynamoDbKeyLogStore(awsClients(), names.nameOf(StoreRole.CONTROL_TABLE))
                : new FileKeyLogStore(home);
    }

    /**
     * The relay: {@code HEARTWOOD_RELAY_URL} when set, else the loopback relay under the home
     * (also with {@code --aws}: the relay is outside the installation, like the real one).
     */
    Relay relay() {
        String url = environment.get(RELAY_VARIABLE);
        if (url == null || url.isBlank()) {
            return LoopbackRelay.in(home);
        }
        try {
            return new HttpRelay(URI.create(url.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RELAY_VARIABLE + " '" + url + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /** The text of a Secrets Manager secret (an age identity for `keys import`); needs {@code --aws}. */
    String secretText(String name) {
        if (!aws) {
            throw new IllegalArgumentException("--identity-secret reads Secrets Manager: add --aws, or use --identity FILE");
        }
        return new SecretsManagerSecrets(awsClients()).read(name);
    }

    InputStream stdin() {
        return stdin;
    }

    /** Memory files: the versioned memory bucket with {@code --aws}, else {@code memory/} under the home. */
    MemoryStore memoryStore() {
        return aws ? new S3MemoryStore(awsClients(), names.nameOf(StoreRole.MEMORY_BUCKET)) : new FileMemoryStore(home);
    }

    /** Chat history: the agent_messages table with {@code --aws}, else {@code agent_messages/} under the home. */
    ChatLog chatLog() {
        return aws ? new DynamoDbChatLog(awsClients(), names.nameOf(StoreRole.MESSAGES_TABLE)) : new FileChatLog(home);
    }

    MemoryLimits memoryLimits() {
        return new MemoryLimits(intSetting(MAX_FILE_VARIABLE, MemoryLimits.DEFAULT.maxFileBytes()),
                intSetting(MEMORY_BUDGET_VARIABLE, MemoryLimits.DEFAULT.memoryBudgetChars()));
    }

    /**
     * The redactor for an agent's writes: the standard detectors, plus as exact-match canaries the
     * values of the variables named in {@code HEARTWOOD_SECRET_VARIABLES}, and the agent's own key
     * material when it can be read without a prompt (with --aws, or HEARTWOOD_PASSPHRASE set).
     */
    Redactor redactor(AgentId agent) {
        List<String> canaries = new ArrayList<>();
        for (String name : environment.getOrDefault(SECRET_VARIABLES, "").split(",")) {
            String value = name.isBlank() ? null : environment.get(name.strip());
            if (value != null && value.length() >= 8) {
                canaries.add(value);
            }
        }
        Redactor redactor = canaries.isEmpty() ? Redactor.standard() : Redactor.standard().withCanaries(canaries);
        if (aws || environment.containsKey(CliPassphrase.VARIABLE)) {
            Optional<AgentKey> key = keyVault().current(agent);
            if (key.isPresent()) {
                try {
                    redactor = redactor.withAgentKey(key.get());
                } finally {
                    key.get().destroy();
                }
            }
        }
        return redactor;
    }

    WriteMemory writeMemory(AgentId agent) {
        return new WriteMemory(memoryStore(), redactor(agent), memoryLimits(), clock());
    }

    AppendChat appendChat(AgentId agent) {
        return new AppendChat(chatLog(), redactor(agent));
    }

    CompactChat compactChat(AgentId agent) {
        MemoryStore store = memoryStore();
        return new CompactChat(chatLog(), store, new AppendDailyLog(store, redactor(agent), memoryLimits(), clock()),
                ChatSummarizer.extractive(), ContextBudget.DEFAULT.chatRows());
    }

    static final int MODEL_MAX_TOKENS = 1024;

    /**
     * The model: none unless {@code HEARTWOOD_MODEL_PROVIDER} is set — then Bedrock (through the
     * AWS settings) or an OpenAI-compatible endpoint. Tasks that need a model fail clearly without one.
     */
    ModelClient modelClient() {
        ModelSettings settings = ModelSettings.fromEnvironment(environment);
        return switch (settings.provider()) {
            case NONE -> ModelClient.none();
            case BEDROCK -> BedrockModelClient.from(awsClients(), settings);
            case OPENAI -> OpenAiCompatibleModelClient.from(settings, environment);
        };
    }

    TakeTurn takeTurn(AgentId agent) {
        return new TakeTurn(appendChat(agent), chatLog(), new BuildContext(memoryStore(), chatLog(), clock(),
                ContextBudget.DEFAULT), modelClient(), MODEL_MAX_TOKENS);
    }

    /** One heartbeat's wiring: lease and journal in the control store, the plan, the executors, the signed outbox. */
    RunHeartbeat runHeartbeat(AgentId agent) {
        MemoryStore store = memoryStore();
        AppendDailyLog dailyLog = new AppendDailyLog(store, redactor(agent), memoryLimits(), clock());
        List<TaskExecutor> executors = List.of(
                new RelayPostTask(),
                new HttpCheckTask(Duration.ofSeconds(10)),
                new MemoryCompactTask(new CompactChat(chatLog(), store, dailyLog, ChatSummarizer.extractive(),
                        ContextBudget.DEFAULT.chatRows())),
                new MemoryAuditTask(store, clock(), Duration.ofDays(30)),
                new ModelPromptTask(modelClient(), new BuildContext(store, chatLog(), clock(), ContextBudget.DEFAULT),
                        dailyLog, MODEL_MAX_TOKENS));
        LeaseStore leases = aws ? new DynamoDbLeaseStore(awsClients(), names.nameOf(StoreRole.CONTROL_TABLE), clock())
                : new FileLeaseStore(home, clock());
        Journal journal = aws ? new DynamoDbJournal(awsClients(), names.nameOf(StoreRole.CONTROL_TABLE))
                : new FileJournal(home);
        Relay relay = relay();
        URI relayBase = relay instanceof HttpRelay http ? http.base() : ((LoopbackRelay) relay).base();
        return new RunHeartbeat(leases, journal, store,
                new PlanHeartbeat(executors.stream().map(TaskExecutor::kind).collect(java.util.stream.Collectors.toSet())),
                executors, new RelayOutboxSender(keyVault(), relay, relayBase, clock()), dailyLog, clock(),
                Duration.ofMinutes(5), "cli-" + ProcessHandle.current().pid());
    }

    private int intSetting(String variable, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " '" + value + "' is not a whole number");
        }
    }

    private AwsClients awsClients() {
        if (clients == null) {
            clients = new AwsClients(AwsSettings.fromEnvironment(environment));
        }
        return clients;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
    }
}
