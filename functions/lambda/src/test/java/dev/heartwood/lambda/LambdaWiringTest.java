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
}
