package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentEmulatorTest {

    @Test
    void from_whenEndpointIsSet_passesEveryAwsVariableThroughAndNothingElse() {
        AwsEmulator emulator = EnvironmentEmulator.from(Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_REGION", "eu-central-1",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token",
                "HOME", "/home/someone",
                "PATH", "/usr/bin"));

        assertThat(emulator.environment()).containsOnlyKeys(
                "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
        assertThat(emulator.environment()).containsEntry("AWS_SECRET_ACCESS_KEY", "secret");
        assertThat(emulator.description()).contains("http://localhost:4566").contains("eu-central-1");
    }

    @Test
    void from_whenOnlyTheCliRegionIsSet_givesItToTheSdkToo() {
        AwsEmulator emulator = EnvironmentEmulator.from(Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_DEFAULT_REGION", "ap-southeast-2"));

        assertThat(emulator.environment()).containsEntry("AWS_REGION", "ap-southeast-2");
    }

    @Test
    void from_whenNoEndpointIsSet_saysItIsRealAws() {
        AwsEmulator emulator = EnvironmentEmulator.from(Map.of("AWS_REGION", "us-east-1"));

        assertThat(emulator.description()).contains("real AWS").contains("AWS_ENDPOINT_URL is not set");
    }
}
