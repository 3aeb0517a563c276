package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration mistakes are named by variable, and never echo a secret. */
class LambdaWiringTest {

    @Test
    void answerWebhook_whenTheSecretIsMissing_namesTheVariable() {
        assertThatThrownBy(() -> new LambdaWiring(Map.of()).answerWebhook())
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("HEARTWOOD_WEBHOOK_SECRET is not set");
    }

    @Test
    void answerWebhook_whenTheSecretIsTooShort_saysSoWithoutTheSecret() {
        assertThatThrownBy(() -> new LambdaWiring(Map.of("HEARTWOOD_WEBHOOK_SECRET", "tiny-secret")).answerWebhook())
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("tiny-secret");
    }

    @Test
    void runHeartbeat_whenTheRelayUrlIsMissing_namesTheVariable() {
        assertThatThrownBy(() -> new LambdaWiring(Map.of()).runHeartbeat())
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("HEARTWOOD_RELAY_URL");
    }

    private static final Map<String, String> AWS = Map.of("AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test", "HEARTWOOD_RELAY_URL", "https://relay.example");

    private static Map<String, String> aws(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(AWS);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void runHeartbeat_whenTheKmsVaultHasNoKey_namesTheMissingVariable() {
        LambdaWiring wiring = new LambdaWiring(aws("HEARTWOOD_KEY_VAULT", "kms"));

        assertThatThrownBy(wiring::runHeartbeat)
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("HEARTWOOD_KMS_KEY_ID");
        wiring.close();
    }

    @Test
    void runHeartbeat_whenTheVaultIsUnknown_listsTheChoices() {
        LambdaWiring wiring = new LambdaWiring(aws("HEARTWOOD_KEY_VAULT", "vault9"));

        assertThatThrownBy(wiring::runHeartbeat)
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("'vault9' is not a vault: expected secrets-manager or kms");
        wiring.close();
    }

    @Test
    void runHeartbeat_whenAMemoryLimitIsNotANumber_namesTheVariable() {
        LambdaWiring wiring = new LambdaWiring(aws("HEARTWOOD_MEMORY_MAX_FILE_BYTES", "lots"));

        assertThatThrownBy(wiring::runHeartbeat)
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("HEARTWOOD_MEMORY_MAX_FILE_BYTES 'lots' is not a whole number");
        wiring.close();
    }

    @Test
    void answerWebhook_whenTheSchemeIsUnknown_listsTheSchemes() {
        LambdaWiring wiring = new LambdaWiring(aws("HEARTWOOD_WEBHOOK_SECRET", "a-long-enough-shared-secret",
                "HEARTWOOD_WEBHOOK_SCHEME", "basic"));

        assertThatThrownBy(wiring::answerWebhook)
                .isInstanceOf(WiringException.class)
                .hasMessageContaining("'basic' is not a scheme: expected hmac-sha256 or telegram-secret-token")
                .hasMessageNotContaining("a-long-enough-shared-secret");
        wiring.close();
    }
}
