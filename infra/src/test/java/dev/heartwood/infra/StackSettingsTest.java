package dev.heartwood.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Context values are checked before anything is synthesized, and a wrong one is named. */
class StackSettingsTest {

    @Test
    void fromContext_withTheTwoRequiredValues_usesTheDocumentedDefaults() {
        StackSettings settings = settings(Synth.context(Map.of()), Map.of());
        assertThat(settings.prefix()).isEqualTo(Synth.PREFIX);
        assertThat(settings.keyVault()).isEqualTo("secrets-manager");
        assertThat(settings.maxReceiveCount()).isEqualTo(5);
        assertThat(settings.logRetentionDays()).isEqualTo(30);
        assertThat(settings.backupRetentionDays()).isEqualTo(7);
        assertThat(settings.backupComplianceMode()).isFalse();
        assertThat(settings.heartbeatMinutes()).isEqualTo(15);
        assertThat(settings.memoryMb()).containsEntry(FunctionKind.BACKUP, 1536).containsEntry(FunctionKind.DISPATCH, 512);
        assertThat(settings.agents()).isEmpty();
        assertThat(settings.alarmEmail()).isNull();
    }

    @Test
    void fromContext_withoutRegionOrAccount_takesThemFromTheCdkCli() {
        Map<String, Object> context = Synth.context();
        context.remove("region");
        context.remove("account");
        StackSettings settings = settings(context, Map.of("CDK_DEFAULT_REGION", "us-east-2", "CDK_DEFAULT_ACCOUNT", "210987654321"));
        assertThat(settings.region()).isEqualTo("us-east-2");
        assertThat(settings.account()).isEqualTo("210987654321");
    }

    static Stream<Arguments> wrongContexts() {
        return Stream.of(
                Arguments.of("relayUrl", null, "context relayUrl is not set"),
                Arguments.of("relayUrl", "relay.example.com", "context relayUrl: 'relay.example.com' is not an http(s) URL"),
                Arguments.of("backupRecipients", null, "context backupRecipients is not set"),
                Arguments.of("backupRecipients", "age1nothing", "context backupRecipients:"),
                Arguments.of("prefix", "Heartwood_Prod", "context prefix: prefix 'Heartwood_Prod' is not valid"),
                Arguments.of("region", "europe", "context region 'europe' is not a region name"),
                Arguments.of("keyVault", "vault", "context keyVault 'vault' is not a vault"),
                Arguments.of("maxReceiveCount", "0", "context maxReceiveCount 0 is out of range: expected 1-1000"),
                Arguments.of("maxReceiveCount", "five", "context maxReceiveCount: 'five' is not a whole number"),
                Arguments.of("logRetentionDays", "10", "context logRetentionDays 10 is not a retention CloudWatch Logs offers"),
                Arguments.of("backupLockMode", "legal-hold", "context backupLockMode 'legal-hold' is not an Object Lock mode"),
                Arguments.of("workerMemory", "64", "context workerMemory 64 is out of range: expected 128-10240"),
                Arguments.of("heartbeatMinutes", "600", "context heartbeatMinutes 600 is out of range: expected 1-480"),
                Arguments.of("alarmEmail", "ops", "context alarmEmail 'ops' is not an e-mail address"),
                Arguments.of("webhookScheme", "basic", "context webhookScheme 'basic' is not a scheme"),
                Arguments.of("webhookSecretArn", "my-secret", "context webhookSecretArn 'my-secret' is not a Secrets Manager secret ARN"),
                Arguments.of("model", "gpt-4o-mini", "HEARTWOOD_MODEL is set but HEARTWOOD_MODEL_PROVIDER is not"),
                Arguments.of("modelProvider", "bedrock", "HEARTWOOD_MODEL is not set"),
                Arguments.of("agents", "Agent_One", "context agents:"),
                Arguments.of("agents", "a".repeat(60), "is too long for a schedule name"),
                Arguments.of("replicaBucket", "hw-b-backups", "context replicaBucket and replicaRegion go together"),
                Arguments.of("functionZip", "target/no-such.zip", "does not exist: build the functions first"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("wrongContexts")
    void fromContext_withAWrongValue_failsNamingIt(String key, String value, String message) {
        Map<String, Object> context = new HashMap<>(Synth.context());
        if (value == null) {
            context.remove(key);
        } else {
            context.put(key, value);
        }
        assertThatThrownBy(() -> settings(context, Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void fromContext_withTheReplicaInTheSameRegion_failsNamingIt() {
        Map<String, Object> context = Synth.context(Map.of("replicaBucket", "hw-b-backups", "replicaRegion", Synth.REGION));
        assertThatThrownBy(() -> settings(context, Map.of())).hasMessageContaining("context replicaRegion eu-west-1 is this stack's own region");
    }

    private static StackSettings settings(Map<String, Object> context, Map<String, String> environment) {
        return StackSettings.fromContext(context::get, environment);
    }
}
