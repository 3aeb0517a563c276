package dev.heartwood.infra;

import static dev.heartwood.infra.TemplateJson.arnOf;
import static dev.heartwood.infra.TemplateJson.list;
import static dev.heartwood.infra.TemplateJson.map;
import static dev.heartwood.infra.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The five functions: one zip, the handler each runs, SnapStart behind an alias, and the environment the code reads. */
class FunctionsTest {

    static final int HEARTBEAT_MEMORY = 1536;
    static final int LOG_DAYS = 14;

    static TemplateJson template;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Synth.context(Map.of("heartbeatMemory", HEARTBEAT_MEMORY, "logRetentionDays", LOG_DAYS,
                "webhookScheme", "telegram-secret-token")));
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_whenSynthesized_runsItsHandlerFromTheOneZipOnJava21Arm64(FunctionKind kind) {
        Map<String, Object> function = function(template, kind);
        assertThat(function.get("Runtime")).isEqualTo("java21");
        assertThat(function.get("Architectures")).isEqualTo(List.of("arm64"));
        assertThat(function.get("Handler")).isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        assertThat(environment(template, kind)).containsEntry("QUARKUS_LAMBDA_HANDLER", kind.handlerName());
        assertThat(function.get("Code")).isEqualTo(function(template, FunctionKind.HEARTBEAT).get("Code"));
        assertThat(function.get("Timeout")).isEqualTo(kind.timeoutSeconds());
        assertThat(function.get("MemorySize")).isEqualTo(kind == FunctionKind.HEARTBEAT ? HEARTBEAT_MEMORY : kind.defaultMemoryMb());
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_whenSynthesized_snapshotsPublishedVersionsBehindTheLiveAlias(FunctionKind kind) {
        String functionId = functionId(template, kind);
        assertThat(function(template, kind).get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        Map<String, Object> alias = template.with("AWS::Lambda::Alias", "FunctionName", ref(functionId));
        assertThat(alias.get("Name")).isEqualTo("live");
        String version = (String) list(map(alias.get("FunctionVersion")).get("Fn::GetAtt")).getFirst();
        assertThat(template.propertiesOf(version).get("FunctionName")).isEqualTo(ref(functionId));
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void function_whenSynthesized_logsToItsOwnGroupWithTheConfiguredRetention(FunctionKind kind) {
        Map<String, Object> logging = map(function(template, kind).get("LoggingConfig"));
        String group = (String) map(logging.get("LogGroup")).get("Ref");
        assertThat(template.propertiesOf(group)).containsEntry("RetentionInDays", LOG_DAYS)
                .containsEntry("LogGroupName", "/aws/lambda/hw-test-" + kind.handlerName());
    }

    /** Every AWS call must be able to give up before Lambda ends the invocation. */
    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void awsCallTimeout_whenSynthesized_isShorterThanTheFunctionTimeout(FunctionKind kind) {
        String callTimeout = String.valueOf(environment(template, kind).getOrDefault("HEARTWOOD_AWS_CALL_TIMEOUT", "20s"));
        assertThat(seconds(callTimeout)).isLessThan(kind.timeoutSeconds());
    }

    @Test
    void webhook_whenSynthesized_answersInsideApiGatewaysThirtySeconds() {
        Map<String, Object> env = environment(template, FunctionKind.WEBHOOK);
        int timeout = ((Number) function(template, FunctionKind.WEBHOOK).get("Timeout")).intValue();
        assertThat(timeout).isLessThan(30);
        assertThat(seconds(String.valueOf(env.get("HEARTWOOD_MODEL_TIMEOUT")))).isLessThan(timeout);
    }

    /** The variables LambdaWiring, AwsStores and RuntimeSettings read, function by function. */
    @Test
    void environment_whenSynthesized_holdsWhatEachHandlerReads() {
        assertThat(environment(template, FunctionKind.HEARTBEAT)).containsOnlyKeys("QUARKUS_LAMBDA_HANDLER", "HEARTWOOD_PREFIX",
                        "HEARTWOOD_KEY_VAULT", "HEARTWOOD_RELAY_URL")
                .containsEntry("HEARTWOOD_PREFIX", Synth.PREFIX).containsEntry("HEARTWOOD_KEY_VAULT", "secrets-manager")
                .containsEntry("HEARTWOOD_RELAY_URL", Synth.RELAY);
        assertThat(environment(template, FunctionKind.WORKER)).isEqualTo(withHandler(environment(template, FunctionKind.HEARTBEAT), "worker"));
        assertThat(environment(template, FunctionKind.DISPATCH)).containsOnlyKeys("QUARKUS_LAMBDA_HANDLER", "HEARTWOOD_PREFIX");
        assertThat(environment(template, FunctionKind.BACKUP)).containsOnlyKeys("QUARKUS_LAMBDA_HANDLER", "HEARTWOOD_PREFIX",
                "HEARTWOOD_KEY_VAULT", "HEARTWOOD_BACKUP_RECIPIENTS").containsEntry("HEARTWOOD_BACKUP_RECIPIENTS", Synth.RECIPIENT);
        assertThat(environment(template, FunctionKind.WEBHOOK)).containsOnlyKeys("QUARKUS_LAMBDA_HANDLER", "HEARTWOOD_PREFIX",
                        "HEARTWOOD_KEY_VAULT", "HEARTWOOD_WEBHOOK_SECRET", "HEARTWOOD_WEBHOOK_SCHEME", "HEARTWOOD_SECRET_VARIABLES",
                        "HEARTWOOD_MODEL_TIMEOUT", "HEARTWOOD_AWS_CALL_TIMEOUT")
                .containsEntry("HEARTWOOD_WEBHOOK_SCHEME", "telegram-secret-token")
                .containsEntry("HEARTWOOD_SECRET_VARIABLES", "HEARTWOOD_WEBHOOK_SECRET");
    }

    @Test
    void webhookSecret_whenGenerated_reachesTheFunctionAsADynamicReference_neverAsText() {
        String secretId = template.idOf("AWS::SecretsManager::Secret", p -> "hw-test/webhook-secret".equals(p.get("Name")));
        Object value = environment(template, FunctionKind.WEBHOOK).get("HEARTWOOD_WEBHOOK_SECRET");
        assertThat(value).isEqualTo(Map.of("Fn::Join", List.of("", List.of("{{resolve:secretsmanager:", ref(secretId),
                ":SecretString:::}}"))));
        Map<String, Object> generated = map(template.propertiesOf(secretId).get("GenerateSecretString"));
        assertThat(generated).containsEntry("ExcludePunctuation", true).containsEntry("PasswordLength", 48);
    }

    @Test
    void webhookSecret_whenGiven_isReferencedByArn_andNoSecretIsCreated() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/webhook-AbCdEf";
        TemplateJson given = Synth.template(Synth.context(Map.of("webhookSecretArn", arn)));
        assertThat(given.ofType("AWS::SecretsManager::Secret")).isEmpty();
        assertThat(environment(given, FunctionKind.WEBHOOK).get("HEARTWOOD_WEBHOOK_SECRET"))
                .isEqualTo("{{resolve:secretsmanager:" + arn + ":SecretString:::}}");
    }

    @Test
    void kmsVault_whenChosen_isConfiguredInEveryFunctionThatBuildsTheStores() {
        TemplateJson kms = Synth.template(Synth.context(Map.of("keyVault", "kms")));
        String key = kms.idOf("AWS::KMS::Key", p -> true);
        for (FunctionKind kind : FunctionKind.values()) {
            Map<String, Object> env = environment(kms, kind);
            if (kind == FunctionKind.DISPATCH) {
                assertThat(env).doesNotContainKeys("HEARTWOOD_KEY_VAULT", "HEARTWOOD_KMS_KEY_ID");
            } else {
                assertThat(env).as(kind.name()).containsEntry("HEARTWOOD_KEY_VAULT", "kms")
                        .containsEntry("HEARTWOOD_KMS_KEY_ID", arnOf(key));
            }
        }
    }

    @Test
    void openAiModel_whenConfigured_getsItsKeyFromTheSecret_andRedactsIt() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/openrouter-AbCdEf";
        TemplateJson openai = Synth.template(Synth.context(Map.of("modelProvider", "openai", "model", "gpt-4o-mini",
                "modelApiKeyVariable", "OPENROUTER_API_KEY", "modelApiKeySecretArn", arn)));
        for (FunctionKind kind : List.of(FunctionKind.HEARTBEAT, FunctionKind.WORKER, FunctionKind.WEBHOOK)) {
            Map<String, Object> env = environment(openai, kind);
            assertThat(env).as(kind.name()).containsEntry("HEARTWOOD_MODEL_PROVIDER", "openai")
                    .containsEntry("HEARTWOOD_MODEL", "gpt-4o-mini")
                    .containsEntry("OPENROUTER_API_KEY", "{{resolve:secretsmanager:" + arn + ":SecretString:::}}");
            assertThat(String.valueOf(env.get("HEARTWOOD_SECRET_VARIABLES")).split(",")).contains("OPENROUTER_API_KEY");
        }
        assertThat(environment(openai, FunctionKind.BACKUP)).doesNotContainKeys("HEARTWOOD_MODEL_PROVIDER", "OPENROUTER_API_KEY");
    }

    @Test
    void worker_whenSynthesized_consumesTheHeartbeatQueueThroughItsAlias_reportingFailedRecords() {
        Map<String, Object> mapping = map(template.ofType("AWS::Lambda::EventSourceMapping").values().iterator().next().get("Properties"));
        assertThat(template.ofType("AWS::Lambda::EventSourceMapping")).hasSize(1);
        String queue = template.idOf("AWS::SQS::Queue", p -> "hw-test-heartbeat.fifo".equals(p.get("QueueName")));
        assertThat(mapping.get("EventSourceArn")).isEqualTo(arnOf(queue));
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("BatchSize")).isEqualTo(1);
        String workerAlias = template.idOf("AWS::Lambda::Alias", p -> ref(functionId(template, FunctionKind.WORKER)).equals(p.get("FunctionName")));
        assertThat(mapping.get("FunctionName").toString()).contains(workerAlias).contains(":live");
    }

    static Map<String, Object> function(TemplateJson template, FunctionKind kind) {
        return template.propertiesOf(functionId(template, kind));
    }

    static String functionId(TemplateJson template, FunctionKind kind) {
        return template.idOf("AWS::Lambda::Function", p -> (Synth.PREFIX + "-" + kind.handlerName()).equals(p.get("FunctionName")));
    }

    static Map<String, Object> environment(TemplateJson template, FunctionKind kind) {
        return map(map(function(template, kind).get("Environment")).get("Variables"));
    }

    private static Map<String, Object> withHandler(Map<String, Object> env, String handler) {
        Map<String, Object> copy = new java.util.HashMap<>(env);
        copy.put("QUARKUS_LAMBDA_HANDLER", handler);
        return copy;
    }

    /** The duration forms AwsSettings and ModelSettings accept that the stack uses: 20s, 8s. */
    private static long seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Duration.ofSeconds(Long.parseLong(duration.substring(0, duration.length() - 1))).toSeconds();
    }

}
