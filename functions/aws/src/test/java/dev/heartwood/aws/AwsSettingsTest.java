package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    @Test
    void fromEnvironment_whenOnlySharedEndpoint_usesItForEveryService() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));

        assertThat(settings.region()).isEqualTo(Region.EU_WEST_1);
        for (AwsService service : AwsService.values()) {
            assertThat(settings.endpoint(service)).contains(URI.create("http://127.0.0.1:4566"));
        }
    }

    @Test
    void fromEnvironment_whenServiceEndpointSet_itWinsForThatServiceOnly() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));

        assertThat(settings.endpoint(AwsService.DYNAMODB)).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.endpoint(AwsService.S3)).contains(URI.create("http://127.0.0.1:5000"));
    }

    @Test
    void fromEnvironment_whenNoEndpoint_usesThePublicOnes() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-east-1"));

        assertThat(settings.endpoints()).isEmpty();
        assertThat(settings.describeEndpoint(AwsService.SQS)).isEqualTo("the us-east-1 endpoint");
        assertThat(settings.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(settings.apiCallTimeout()).isEqualTo(AwsSettings.DEFAULT_CALL_TIMEOUT);
    }

    @Test
    void fromEnvironment_whenKeysSet_usesThemButNeverPrintsTheSecret() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t-value"));

        assertThat(settings.credentials()).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(settings.credentials().resolveCredentials().secretAccessKey()).isEqualTo("s3cr3t-value");
        assertThat(settings.toString()).doesNotContain("s3cr3t-value").doesNotContain("AKIDEXAMPLE");
    }

    @ParameterizedTest
    @CsvSource({"20s, PT20S", "500ms, PT0.5S", "2m, PT2M", "7, PT7S", "PT1M30S, PT1M30S"})
    void duration_acceptsShortAndIsoForms(String value, Duration expected) {
        assertThat(AwsSettings.duration(Map.of("X", value), "X", Duration.ZERO)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AWS_REGION=                                     | AWS_REGION is not set",
            "AWS_REGION=Ireland                              | AWS_REGION 'Ireland' is not a region name",
            "AWS_ENDPOINT_URL_S3=localhost:4566              | AWS_ENDPOINT_URL_S3 'localhost:4566' is not an endpoint URL",
            "AWS_ENDPOINT_URL=ftp://host                     | AWS_ENDPOINT_URL 'ftp://host' is not an endpoint URL",
            "AWS_ACCESS_KEY_ID=AKIDEXAMPLE                   | AWS_SECRET_ACCESS_KEY is not",
            "HEARTWOOD_AWS_CALL_TIMEOUT=soon                 | HEARTWOOD_AWS_CALL_TIMEOUT 'soon' is not a duration",
            "HEARTWOOD_AWS_ATTEMPT_TIMEOUT=1m                | is longer than HEARTWOOD_AWS_CALL_TIMEOUT",
            "HEARTWOOD_AWS_CALL_TIMEOUT=0s                   | HEARTWOOD_AWS_CALL_TIMEOUT must be a positive duration"})
    void fromEnvironment_whenAVariableIsWrong_namesIt(String assignment, String expected) {
        String[] kv = assignment.split("=", 2);
        var env = new java.util.HashMap<String, String>(Map.of("AWS_REGION", "eu-west-1"));
        env.put(kv[0].trim(), kv[1].trim());

        assertThatThrownBy(() -> AwsSettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }
}
