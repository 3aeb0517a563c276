package dev.heartwood.infra;

import software.amazon.awscdk.Duration;

/**
 * The five functions deployed from the one {@code function.zip}: each is the same code with
 * another {@code QUARKUS_LAMBDA_HANDLER}, its own role, timeout and memory.
 */
enum FunctionKind {

    /** One agent's heartbeat, invoked by its EventBridge Scheduler schedule. */
    HEARTBEAT("heartbeat", 120, 1024, true),
    /**
     * The same heartbeat, one SQS record per invocation: a batch of N would need N heartbeats'
     * time, and the queue's visibility timeout (the retry delay of a failed record) grows with it.
     */
    WORKER("worker", 120, 1024, true),
    /** The fleet tick: enqueues the agents due. A tick runs every minute, so it must finish within one. */
    DISPATCH("dispatch", 60, 512, false),
    /** API Gateway HTTP APIs give an integration at most 30 seconds; the function must answer before that. */
    WEBHOOK("webhook", 29, 1024, true),
    /** Reads the whole agent, tars and age-encrypts it in memory, writes and reads it back. */
    BACKUP("backup", 300, 1536, true);

    /** What every function runs: Quarkus picks the @Named handler from QUARKUS_LAMBDA_HANDLER. */
    static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    static final String HANDLER_VARIABLE = "QUARKUS_LAMBDA_HANDLER";

    private final String handlerName;
    private final int timeoutSeconds;
    private final int defaultMemoryMb;
    private final boolean usesAgentStores;

    FunctionKind(String handlerName, int timeoutSeconds, int defaultMemoryMb, boolean usesAgentStores) {
        this.handlerName = handlerName;
        this.timeoutSeconds = timeoutSeconds;
        this.defaultMemoryMb = defaultMemoryMb;
        this.usesAgentStores = usesAgentStores;
    }

    /** The {@code @Named} handler, also the function's name after the prefix. */
    String handlerName() {
        return handlerName;
    }

    Duration timeout() {
        return Duration.seconds(timeoutSeconds);
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    int defaultMemoryMb() {
        return defaultMemoryMb;
    }

    /** The context key that sets this function's memory, e.g. {@code heartbeatMemory}. */
    String memoryContextKey() {
        return handlerName + "Memory";
    }

    /**
     * Whether the Lambda wiring builds the agent's stores (AwsStores) for this function, which
     * also builds the configured key vault and so needs its variables.
     */
    boolean usesAgentStores() {
        return usesAgentStores;
    }
}
