package dev.heartwood.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeSettingsTest {

    @ParameterizedTest
    @CsvSource({"'', PT5M", "5m, PT5M", "90s, PT1M30S", "2s, PT2S", "500ms, PT0.5S", "PT10M, PT10M"})
    void fromEnvironment_leaseTtl_isReadOrFiveMinutes(String value, String expected) {
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of("HEARTWOOD_LEASE_TTL", value));

        assertThat(settings.leaseTtl()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"five minutes", "0s", "-PT1M", "5h"})
    void fromEnvironment_leaseTtlNotAPositiveDuration_isRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("HEARTWOOD_LEASE_TTL", value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTWOOD_LEASE_TTL");
    }
}
