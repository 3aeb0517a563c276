package dev.heartwood.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelClientTest {

    private static final ModelRequest QUESTION = ModelRequest.of("You are Scout.", "What is on HEARTBEAT.md?", 256, 0.2);

    @Test
    void none_whenAsked_failsSayingWhatToSet() {
        ModelException failure = catchThrowableOfType(ModelException.class, () -> ModelClient.none().complete(QUESTION));

        assertThat(failure).hasMessageStartingWith("no model configured: set HEARTWOOD_MODEL")
                .hasMessageContaining("HEARTWOOD_MODEL_PROVIDER");
        assertThat(failure.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED);
        assertThat(failure.notConfigured()).isTrue();
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void none_whenBuilt_doesNotFail() {
        // Tasks that need no model must still run when none is configured.
        assertThat(ModelClient.none()).hasToString("ModelClient.none()");
    }

    @Test
    void request_whenValid_keepsAnImmutableCopy() {
        List<ModelMessage> turns = new java.util.ArrayList<>(List.of(ModelMessage.user("hi"), ModelMessage.assistant("hello")));
        ModelRequest request = new ModelRequest(null, turns, 10, 0);
        turns.clear();

        assertThat(request.messages()).hasSize(2);
        assertThat(request.system()).isEmpty();
    }

    @Test
    void request_whenEmptyOrOpeningWithTheAssistant_namesTheField() {
        assertThatThrownBy(() -> new ModelRequest("s", List.of(), 10, 0)).hasMessageStartingWith("messages:");
        assertThatThrownBy(() -> new ModelRequest("s", List.of(ModelMessage.assistant("hi")), 10, 0))
                .hasMessageContaining("first message to be the user's");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void request_whenMaxTokensNotPositive_namesTheField(int maxTokens) {
        assertThatThrownBy(() -> ModelRequest.of("s", "q", maxTokens, 0)).hasMessageStartingWith("maxTokens:");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 2.1, Double.NaN})
    void request_whenTemperatureOutOfRange_namesTheField(double temperature) {
        assertThatThrownBy(() -> ModelRequest.of("s", "q", 10, temperature)).hasMessageStartingWith("temperature:");
    }

    @Test
    void message_whenBlank_isRefused() {
        assertThatThrownBy(() -> ModelMessage.user(" ")).hasMessageContaining("non-blank");
    }

    @Test
    void reply_whenStopReasonMissing_saysUnknown() {
        assertThat(new ModelReply("ok", "m", 1, 2, null).stopReason()).isEqualTo("unknown");
        assertThatThrownBy(() -> new ModelReply("ok", "m", -1, 2, "stop")).hasMessageContaining("token counts");
    }
}
