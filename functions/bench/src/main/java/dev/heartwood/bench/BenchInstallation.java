package dev.heartwood.bench;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SecretsManagerKeyVault;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.SeedMemory;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.local.LoopbackRelay;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One installation the bench owns: its own stores under a fresh {@code bench-…} prefix on the
 * endpoint the environment names, a loopback relay in a work directory, and agents made the way
 * {@code heartwood --aws init} makes them. The heartbeat is wired as the Lambda function wires it.
 */
final class BenchInstallation implements AutoCloseable {

    /** Due at every measured heartbeat once the bench clock has moved half an hour on. */
    static final String DUE_TASK = "- **hello** relay.post `still here` — every 30m, catch-up once\n";
    /**
     * Not due within a run, however far the bench clock moves (a full run moves it about two weeks):
     * a heartbeat finds nothing to do.
     */
    static final String IDLE_TASK = "- **new-year** relay.post `happy new year` — cron \"0 9 1 1 *\", catch-up skip\n";

    static final String PREFIX_VARIABLE = "HEARTWOOD_BENCH_PREFIX";
    static final String RELAY_VARIABLE = "HEARTWOOD_BENCH_RELAY";

    private final Map<String, String> environment;
    private final AwsClients clients;
    private final StoreNames names;
    private final Clock clock;
    private final AgentStores stores;
    private final LoopbackRelay relay;
    private final Path relayRoot;
    private final AtomicInteger agents = new AtomicInteger();

    private BenchInstallation(Map<String, String> environment, AwsClients clients, StoreNames names, Clock clock,
            Path relayRoot) {
        this.environment = Map.copyOf(environment);
        this.clients = clients;
        this.names = names;
        this.clock = clock;
        this.relayRoot = relayRoot;
        AgentStores aws = AwsStores.from(clients, names, environment, clock);
        // The vault's key cache must age with the bench clock, as it ages between a warm container's
        // heartbeats: AwsStores gives it the system clock, under which a run's heartbeats, milliseconds
        // apart, would always hit a cache that 15-minute heartbeats never find fresh.
        this.stores = new AgentStores(aws.description(), aws.memory(), aws.chat(), aws.leases(), aws.journal(),
                new SecretsManagerKeyVault(clients, names.prefix(), SecretsManagerKeyVault.DEFAULT_CACHE_TTL, clock),
                aws.keyLogs());
        this.relay = new LoopbackRelay(relayRoot, LoopbackRelay.DEFAULT_BASE, clock);
    }

    /** Creates every store of a new installation under a fresh prefix. */
    static BenchInstallation create(Map<String, String> environment, List<ExecutionInterceptor> interceptors, Clock clock,
            Path workDir) {
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(environment), interceptors);
        StoreNames names = StoreNames.withPrefix("bench-" + randomSuffix());
        new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                new SqsQueueProvisioner(clients)).run(StorePlan.forInstallation(names, StorePlan.DEFAULT_MAX_RECEIVE_COUNT),
                        provisioned -> { });
        return new BenchInstallation(environment, clients, names, clock, workDir.resolve("relay"));
    }

    /** The installation a parent process made, as a child process finds it from its environment. */
    static BenchInstallation attach(Map<String, String> environment, List<ExecutionInterceptor> interceptors, Clock clock) {
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(environment), interceptors);
        return new BenchInstallation(environment, clients, StoreNames.withPrefix(environment.get(PREFIX_VARIABLE)), clock,
                Path.of(environment.get(RELAY_VARIABLE)));
    }

    /** What a child process needs to {@link #attach} to this installation. */
    Map<String, String> childEnvironment() {
        Map<String, String> child = new java.util.HashMap<>(environment);
        child.put(PREFIX_VARIABLE, names.prefix());
        child.put(RELAY_VARIABLE, relayRoot.toString());
        return Map.copyOf(child);
    }

    /** A new agent: key in the vault, key log, registered with the relay, memory seeded, HEARTBEAT.md holding {@code tasks}. */
    AgentId newAgent(String tasks) {
        AgentId agent = AgentId.of("bench-agent-" + agents.incrementAndGet() + "-" + randomSuffix());
        new InitAgent(stores.keys(), stores.keyLogs(), relay, clock).run(agent);
        new SeedMemory(stores.memory()).run(agent);
        var heartbeat = stores.memory().read(agent, MemoryPath.HEARTBEAT).orElseThrow();
        stores.memory().write(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n" + tasks,
                new WriteCondition.IfUnchanged(heartbeat.version()));
        return agent;
    }

    /** The heartbeat exactly as {@code LambdaWiring} builds it, posting to the loopback relay. */
    RunHeartbeat runHeartbeat() {
        return useCases().runHeartbeat(RuntimeSettings.DEFAULT.redactor(), relay, LoopbackRelay.DEFAULT_BASE,
                "bench-" + ProcessHandle.current().pid());
    }

    UseCases useCases() {
        return new UseCases(stores, RuntimeSettings.DEFAULT, ModelClient.none(), clock);
    }

    AwsClients clients() {
        return clients;
    }

    StoreNames names() {
        return names;
    }

    AgentStores stores() {
        return stores;
    }

    LoopbackRelay relay() {
        return relay;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        clients.close();
    }

    static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }
}
