package dev.heartwood.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place that builds AWS SDK clients. Each client is built on first use and then reused
 * for the life of the container: building one costs tens of milliseconds and a TLS handshake,
 * which a warm Lambda must not pay per invocation.
 *
 * <p>All clients share one url-connection HTTP client (smallest cold start of the SDK's clients)
 * and carry explicit region, credentials and timeouts, so nothing depends on what the SDK would
 * discover by itself.
 */
public final class AwsClients implements AutoCloseable {

    /** A refused or unroutable endpoint should fail fast rather than eat the whole call timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * A model may think for tens of seconds before its first byte, far past the store clients'
     * read timeout; the model client bounds each call with its own (shorter) call timeout instead.
     */
    private static final Duration MODEL_READ_TIMEOUT = Duration.ofMinutes(5);
    /** For callers of {@link #bedrockRuntime()} that set no per-request timeout. */
    static final Duration MODEL_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final AwsSettings settings;
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient http;
    private final SdkHttpClient modelHttp;
    private final Map<AwsService, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this(settings, List.of());
    }

    /**
     * Clients that also run {@code interceptors} on every call, after the SDK's own, e.g. the
     * benchmark's request recorder. Production wiring passes none; an interceptor sees requests
     * and responses and must not change what a call does (the recorder only asks DynamoDB to
     * report the capacity a call consumed).
     */
    public AwsClients(AwsSettings settings, List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.interceptors = List.copyOf(interceptors);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(settings.apiCallAttemptTimeout())
                .build();
        this.modelHttp = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(MODEL_READ_TIMEOUT)
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    public S3Client s3() {
        // Emulators serve buckets under one host name, so path-style addressing is needed there.
        boolean pathStyle = settings.endpoint(AwsService.S3).isPresent();
        return client(AwsService.S3, () -> configure(S3Client.builder(), AwsService.S3).forcePathStyle(pathStyle).build());
    }

    public DynamoDbClient dynamoDb() {
        return client(AwsService.DYNAMODB, () -> configure(DynamoDbClient.builder(), AwsService.DYNAMODB).build());
    }

    public SecretsManagerClient secretsManager() {
        return client(AwsService.SECRETS_MANAGER,
                () -> configure(SecretsManagerClient.builder(), AwsService.SECRETS_MANAGER).build());
    }

    public SqsClient sqs() {
        return client(AwsService.SQS, () -> configure(SqsClient.builder(), AwsService.SQS).build());
    }

    public KmsClient kms() {
        return client(AwsService.KMS, () -> configure(KmsClient.builder(), AwsService.KMS).build());
    }

    public SchedulerClient scheduler() {
        return client(AwsService.SCHEDULER, () -> configure(SchedulerClient.builder(), AwsService.SCHEDULER).build());
    }

    /**
     * Bedrock's runtime (model calls). Unlike the store clients it has its own HTTP client and
     * timeouts sized for generation (a minute per call); a caller with a tighter budget overrides
     * them per request, as {@link BedrockModelClient} does.
     */
    public BedrockRuntimeClient bedrockRuntime() {
        return client(AwsService.BEDROCK_RUNTIME, () -> configure(BedrockRuntimeClient.builder(), AwsService.BEDROCK_RUNTIME,
                modelHttp, MODEL_CALL_TIMEOUT, MODEL_CALL_TIMEOUT).build());
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(AwsService service, Supplier<C> build) {
        return (C) clients.computeIfAbsent(service, s -> build.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, AwsService service) {
        return configure(builder, service, http, settings.apiCallTimeout(), settings.apiCallAttemptTimeout());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, AwsService service,
            SdkHttpClient httpClient, Duration callTimeout, Duration attemptTimeout) {
        builder.region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClient(httpClient)
                .overrideConfiguration(o -> {
                    o.apiCallTimeout(callTimeout).apiCallAttemptTimeout(attemptTimeout);
                    interceptors.forEach(o::addExecutionInterceptor);
                });
        settings.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Closes every client built, then the HTTP clients they share (the SDK never closes a client it was handed). */
    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        http.close();
        modelHttp.close();
    }
}
