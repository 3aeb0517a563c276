package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulatorModeTest {

    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("Docker must not be probed when the environment already decides");
    };

    @ParameterizedTest(name = "HEARTWOOD_EMULATOR={0}, AWS_ENDPOINT_URL={1}, docker={2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            -,     http://localhost:4566, true,  ENV
            -,     http://localhost:4566, false, ENV
            -,     -,                     true,  FLOCI
            -,     -,                     false, MOTO
            -,     ' ',                   false, MOTO
            moto,  http://localhost:4566, true,  MOTO
            floci, -,                     false, FLOCI
            env,   -,                     false, ENV
            MOTO,  -,                     true,  MOTO
            ' ',   -,                     false, MOTO
            """)
    void select_whenEnvironmentIs_picksMode(String forced, String endpoint, boolean docker, EmulatorMode expected) {
        Map<String, String> environment = new HashMap<>();
        if (forced != null) {
            environment.put("HEARTWOOD_EMULATOR", forced);
        }
        if (endpoint != null) {
            environment.put("AWS_ENDPOINT_URL", endpoint);
        }

        assertThat(EmulatorMode.select(environment, () -> docker)).isEqualTo(expected);
    }

    @Test
    void select_whenEndpointIsSet_doesNotProbeDocker() {
        assertThat(EmulatorMode.select(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"), NOT_ASKED))
                .isEqualTo(EmulatorMode.ENV);
    }

    @Test
    void select_whenModeIsForced_doesNotProbeDocker() {
        assertThat(EmulatorMode.select(Map.of("HEARTWOOD_EMULATOR", "moto"), NOT_ASKED)).isEqualTo(EmulatorMode.MOTO);
    }

    @Test
    void select_whenForcedModeIsUnknown_namesTheVariableAndTheChoices() {
        assertThatThrownBy(() -> EmulatorMode.select(Map.of("HEARTWOOD_EMULATOR", "localstack"), () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEARTWOOD_EMULATOR")
                .hasMessageContaining("env, floci or moto")
                .hasMessageContaining("'localstack'");
    }

    @Test
    void reason_whenChosenAutomatically_saysWhatWasMissing() {
        assertThat(EmulatorMode.MOTO.reason(Map.of()))
                .isEqualTo("AWS_ENDPOINT_URL is not set, Docker is not available");
    }

    @Test
    void reason_whenForced_namesTheOverride() {
        assertThat(EmulatorMode.MOTO.reason(Map.of("HEARTWOOD_EMULATOR", "moto"))).isEqualTo("HEARTWOOD_EMULATOR=moto");
    }
}
