package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsService;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.BedrockModelClient;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BackupStore;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SchedulerAgentSchedules;
import dev.heartwood.aws.SecretsManagerSecrets;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.dispatch.AgentSchedules;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.CompactChat;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.WriteMemory;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelSettings;
import dev.heartwood.core.proof.Fault;
import dev.heartwood.core.proof.FaultInjection;
import dev.heartwood.core.proof.KillableHomes;
import dev.heartwood.core.proof.Tripwire;
import dev.heartwood.core.proof.Witness;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.FileBackupStore;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.models.OpenAiCompatibleModelClient;
import dev.heartwood.relay.HttpRelay;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's one wiring place: turns the global options and the environment into the adapters a
 * command needs, local by default and AWS with {@code --aws}. AWS clients are built only when a
 * command asks for them, and closed with the runtime.
 */
final class CliRuntime implements AutoCloseable {

    static final String HOME_VARIABLE = "HEARTWOOD_HOME";
    static final String PREFIX_VARIABLE = "HEARTWOOD_PREFIX";
    static final String RELAY_VARIABLE = "HEARTWOOD_RELAY_URL";
    static final String RECIPIENTS_VARIABLE = "HEARTWOOD_BACKUP_RECIPIENTS";
    /** For {@code heartwood proof} only: {@code BOUNDARY:N:before|after} halts this process there. */
    static final String HALT_VARIABLE = "HEARTWOOD_PROOF_HALT_AT";

    private final boolean aws;
    private final LocalHome home;
    private final StoreNames names;
    private final Map<String, String> environment;
    private AwsClients clients;
    private AgentStores stores;
    private Optional<Tripwire> halt;

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
     * Every store an agent lives in: files under the home by default; with {@code --aws}, the
     * bucket and tables under the prefix, keys in Secrets Manager or (with
     * {@code HEARTWOOD_KEY_VAULT=kms}) KMS-envelope keys in the control table.
     */
    AgentStores stores() {
        if (stores == null) {
            stores = aws ? AwsStores.from(awsClients(), names, environment, clock())
                    : LocalStores.in(home, new CliPassphrase(environment, System.console(), home.keys().toString()),
                            clock());
            stores = haltHook().map(tripwire -> FaultInjection.stores(stores, tripwire, new Witness())).orElse(stores);
        }
        return stores;
    }

    /**
     * The proof's killed-process mode: with {@code HEARTWOOD_PROOF_HALT_AT} set, the process halts
     * (no shutdown hooks, no finally blocks, like a kill -9 or a Lambda freeze that never thaws) at
     * that pass of a heartbeat boundary. One tripwire for the stores and the relay, so the passes
     * are counted across both.
     */
    private Optional<Tripwire> haltHook() {
        if (halt == null) {
            String value = environment.get(HALT_VARIABLE);
            halt = value == null || value.isBlank() ? Optional.empty()
                    : Optional.of(Tripwire.armed(Fault.parse(value), fault -> {
                        System.err.println("heartwood: halted at " + fault + " (" + HALT_VARIABLE + ")");
                        System.err.flush();
                        Runtime.getRuntime().halt(KillableHomes.HALTED);
                    }));
        }
        return halt;
    }

    KeyVault keyVault() {
        return stores().keys();
    }

    KeyLogStore keyLogs() {
        return stores().keyLogs();
    }

    /**
     * The relay: {@code HEARTWOOD_RELAY_URL} when set, else the loopback relay under the home
     * (also with {@code --aws}: the relay is outside the installation, like the real one).
     */
    Relay relay() {
        return halting(unwrappedRelay());
    }

    private Relay unwrappedRelay() {
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

    private Relay halting(Relay relay) {
        return haltHook().map(tripwire -> FaultInjection.relay(relay, tripwire, new Witness())).orElse(relay);
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

    MemoryStore memoryStore() {
        return stores().memory();
    }

    ChatLog chatLog() {
        return stores().chat();
    }

    /** Backups: {@code --backups DIR} or the home's {@code backups/} locally; the backup bucket with {@code --aws}. */
    BackupStore backupStore(Path directory) {
        if (directory != null) {
            return new FileBackupStore(directory);
        }
        return aws ? new S3BackupStore(awsClients(), names.nameOf(StoreRole.BACKUP_BUCKET)) : FileBackupStore.in(home);
    }

    /**
     * The age recipients backups are encrypted to: the {@code --to} values, else
     * {@code HEARTWOOD_BACKUP_RECIPIENTS} (comma-separated).
     *
     * @throws IllegalArgumentException if there is none, or one is not an age1… recipient
     */
    List<AgeRecipient> backupRecipients(List<String> given) {
        List<String> values = given != null && !given.isEmpty() ? given
                : java.util.Arrays.stream(environment.getOrDefault(RECIPIENTS_VARIABLE, "").split(","))
                        .map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no backup recipient: pass --to age1… or set " + RECIPIENTS_VARIABLE
                    + " (make a key pair with `age-keygen -o backup-key.txt`, keep the file safe, give its public key)");
        }
        return values.stream().map(AgeRecipient::parse).toList();
    }

    RuntimeSettings settings() {
        return RuntimeSettings.fromEnvironment(environment);
    }

    /**
     * The redactor for an agent's writes: the standard detectors, plus as exact-match canaries the
     * values of the variables named in {@code HEARTWOOD_SECRET_VARIABLES}, and the agent's own key
     * material when it can be read without a prompt (with --aws, or HEARTWOOD_PASSPHRASE set).
     */
    Redactor redactor(AgentId agent) {
        Redactor redactor = settings().redactor();
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
        return useCases().writeMemory(redactor(agent));
    }

    AppendChat appendChat(AgentId agent) {
        return useCases().appendChat(redactor(agent));
    }

    CompactChat compactChat(AgentId agent) {
        return useCases().compactChat(redactor(agent));
    }

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
        return useCases().takeTurn(redactor(agent));
    }

    /** One heartbeat's wiring: lease and journal in the control store, the plan, the executors, the signed outbox. */
    RunHeartbeat runHeartbeat(AgentId agent) {
        Relay relay = unwrappedRelay();
        URI relayBase = relay instanceof HttpRelay http ? http.base() : ((LoopbackRelay) relay).base();
        return useCases().runHeartbeat(redactor(agent), halting(relay), relayBase, "cli-" + ProcessHandle.current().pid());
    }

    private UseCases useCases() {
        return new UseCases(stores(), settings(), modelClient(), clock());
    }

    /** The agent's EventBridge Scheduler schedules; AWS only, configured by the stack's outputs. */
    AgentSchedules agentSchedules() {
        if (!aws) {
            throw new IllegalArgumentException("schedules live in EventBridge Scheduler: add --aws (locally, run"
                    + " `heartwood heartbeat AGENT` from cron or a systemd timer)");
        }
        return new SchedulerAgentSchedules(awsClients(), SchedulerAgentSchedules.Settings.fromEnvironment(environment,
                names.prefix()));
    }

    /** The AWS clients for the dispatch roster and queue, which have no local adapters. */
    AwsClients awsClientsForDispatch() {
        return awsClients();
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
