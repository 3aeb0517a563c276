package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.testkit.AwsEmulatorExtension.Startup;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

class AwsEmulatorExtensionTest {

    @Test
    void attempt_whenAnEndpointIsSet_handsOutTheEnvironmentAndStartsNothing() {
        try (Startup startup = Startup.attempt(Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_REGION", "eu-west-1", "PATH", "/usr/bin"))) {

            assertThat(startup).isInstanceOf(Startup.Started.class);
            assertThat(startup.emulator().environment())
                    .containsEntry("AWS_ENDPOINT_URL", "http://localhost:4566")
                    .containsEntry("AWS_REGION", "eu-west-1")
                    .doesNotContainKey("PATH");
        }
    }

    @Test
    void attempt_whenTheForcedModeIsUnknown_failsEveryTestThatAsksInsteadOfSkippingIt() {
        try (Startup startup = Startup.attempt(Map.of("HEARTWOOD_EMULATOR", "localstack"))) {

            assertThatThrownBy(startup::emulator)
                    .isInstanceOf(ParameterResolutionException.class)
                    .hasMessageStartingWith("No AWS emulator: HEARTWOOD_EMULATOR must be env, floci or moto");
            assertThatThrownBy(startup::emulator).isInstanceOf(ParameterResolutionException.class);
        }
    }
}
