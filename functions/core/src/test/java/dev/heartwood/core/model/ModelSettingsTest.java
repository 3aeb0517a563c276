package dev.heartwood.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.model.ModelSettings.Provider;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSettingsTest {

    static Stream<Arguments> validEnvironments() {
        return Stream.of(
                Arguments.of(Map.of(), Provider.NONE, "", "https://api.openai.com/v1", "OPENAI_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", " "), Provider.NONE, "", "https://api.openai.com/v1", "OPENAI_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "none"), Provider.NONE, "", "https://api.openai.com/v1", "OPENAI_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "gpt-4o-mini"),
                        Provider.OPENAI, "gpt-4o-mini", "https://api.openai.com/v1", "OPENAI_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "OpenAI-Compatible", "HEARTWOOD_MODEL", "meta-llama/llama-3.1-8b-instruct",
                                "HEARTWOOD_MODEL_BASE_URL", "https://openrouter.ai/api/v1/", "HEARTWOOD_MODEL_API_KEY_VARIABLE", "OPENROUTER_API_KEY"),
                        Provider.OPENAI, "meta-llama/llama-3.1-8b-instruct", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "llama3.2",
                                "HEARTWOOD_MODEL_BASE_URL", "http://localhost:11434/v1"),
                        Provider.OPENAI, "llama3.2", "http://localhost:11434/v1", "OPENAI_API_KEY"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "Bedrock", "HEARTWOOD_MODEL", " anthropic.claude-3-5-haiku-20241022-v1:0 "),
                        Provider.BEDROCK, "anthropic.claude-3-5-haiku-20241022-v1:0", "https://api.openai.com/v1", "OPENAI_API_KEY"));
    }

    @ParameterizedTest
    @MethodSource("validEnvironments")
    void fromEnvironment_whenValid_readsTheChoice(Map<String, String> env, Provider provider, String model, String baseUrl,
            String keyVariable) {
        ModelSettings settings = ModelSettings.fromEnvironment(env);

        assertThat(settings.provider()).isEqualTo(provider);
        assertThat(settings.model()).isEqualTo(model);
        assertThat(settings.baseUrl()).isEqualTo(URI.create(baseUrl));
        assertThat(settings.apiKeyVariable()).isEqualTo(keyVariable);
    }

    static Stream<Arguments> invalidEnvironments() {
        return Stream.of(
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "anthropic", "HEARTWOOD_MODEL", "x"), "HEARTWOOD_MODEL_PROVIDER 'anthropic'"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai"), "HEARTWOOD_MODEL is not set"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "bedrock", "HEARTWOOD_MODEL", "  "), "HEARTWOOD_MODEL is not set"),
                Arguments.of(Map.of("HEARTWOOD_MODEL", "gpt-4o-mini"), "HEARTWOOD_MODEL_PROVIDER is not"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "gpt 4o"), "HEARTWOOD_MODEL 'gpt 4o'"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                        "HEARTWOOD_MODEL_BASE_URL", "api.openai.com/v1"), "HEARTWOOD_MODEL_BASE_URL 'api.openai.com/v1'"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                        "HEARTWOOD_MODEL_BASE_URL", "ftp://host/v1"), "HEARTWOOD_MODEL_BASE_URL 'ftp://host/v1'"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                        "HEARTWOOD_MODEL_API_KEY_VARIABLE", "MY-KEY"), "HEARTWOOD_MODEL_API_KEY_VARIABLE must be the name"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                        "HEARTWOOD_MODEL_TIMEOUT", "soon"), "HEARTWOOD_MODEL_TIMEOUT 'soon'"),
                Arguments.of(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                        "HEARTWOOD_MODEL_CONNECT_TIMEOUT", "0s"), "HEARTWOOD_MODEL_CONNECT_TIMEOUT must be a positive"));
    }

    @ParameterizedTest
    @MethodSource("invalidEnvironments")
    void fromEnvironment_whenInvalid_namesTheVariable(Map<String, String> env, String expected) {
        assertThatThrownBy(() -> ModelSettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void fromEnvironment_whenAKeyIsPastedAsTheVariableName_doesNotEchoIt() {
        String key = "sk-proj-Abc123-def456";

        assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai",
                "HEARTWOOD_MODEL", "m", "HEARTWOOD_MODEL_API_KEY_VARIABLE", key)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the key itself")
                .hasMessageNotContaining(key);
    }

    @Test
    void fromEnvironment_readsTimeoutsInShortAndIsoForm() {
        ModelSettings settings = ModelSettings.fromEnvironment(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai",
                "HEARTWOOD_MODEL", "m", "HEARTWOOD_MODEL_TIMEOUT", "2m", "HEARTWOOD_MODEL_CONNECT_TIMEOUT", "PT0.5S"));

        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(ModelSettings.fromEnvironment(Map.of()).requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ModelSettings.fromEnvironment(Map.of()).connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void apiKey_readsTheNamedVariable_andToStringNeverHoldsIt() {
        Map<String, String> env = new HashMap<>(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "m",
                "HEARTWOOD_MODEL_API_KEY_VARIABLE", "OPENROUTER_API_KEY", "OPENROUTER_API_KEY", " sk-or-v1-secret ",
                "OPENAI_API_KEY", "sk-other"));
        ModelSettings settings = ModelSettings.fromEnvironment(env);

        assertThat(settings.apiKey(env)).contains("sk-or-v1-secret");
        assertThat(settings.toString()).contains("OPENROUTER_API_KEY").doesNotContain("sk-or-v1-secret").doesNotContain("sk-other");
    }

    @Test
    void apiKey_whenUnsetOrBlank_isEmpty() {
        ModelSettings settings = ModelSettings.fromEnvironment(Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "llama3.2"));

        assertThat(settings.apiKey(Map.of())).isEmpty();
        assertThat(settings.apiKey(Map.of("OPENAI_API_KEY", "  "))).isEmpty();
    }
}
