package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwsEmulatorTest {

    private static final String RESOURCE_NAME = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";

    private final AwsEmulator emulator = new AwsEmulator(Map.of("AWS_REGION", "us-east-1"), "moto at http://127.0.0.1:1");

    @Test
    void uniquePrefix_whenCalled_isAShortValidResourceName() {
        for (int i = 0; i < 1_000; i++) {
            String prefix = emulator.uniquePrefix();

            assertThat(prefix).matches("it-[a-z0-9]{8}").matches(RESOURCE_NAME).doesNotContain("--");
            assertThat(prefix.length()).isLessThanOrEqualTo(40);
            assertThat(prefix + "-table").matches(RESOURCE_NAME);
        }
    }

    @Test
    void uniquePrefix_whenCalledRepeatedly_neverRepeats() {
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            prefixes.add(emulator.uniquePrefix());
        }

        assertThat(prefixes).hasSize(10_000);
    }

    @Test
    void environment_whenTheSourceMapChangesLater_staysAsGiven() {
        Map<String, String> source = new HashMap<>(Map.of("AWS_REGION", "eu-west-1"));
        AwsEmulator copy = new AwsEmulator(source, "somewhere");

        source.put("AWS_REGION", "us-west-2");

        assertThat(copy.environment()).containsEntry("AWS_REGION", "eu-west-1");
        assertThatThrownBy(() -> copy.environment().put("AWS_REGION", "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toString_whenTheEnvironmentHoldsRealCredentials_showsOnlyTheDescription() {
        AwsEmulator real = new AwsEmulator(
                Map.of("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret", "AWS_ACCESS_KEY_ID", "AKIAREAL"),
                "real AWS");

        assertThat(real.toString()).contains("real AWS").doesNotContain("wJalrXUtnFEMI-secret", "AKIAREAL");
    }
}
