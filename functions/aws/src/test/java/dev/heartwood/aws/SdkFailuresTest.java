package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Uses the SDK's own exception types, built the way the SDK builds them from a response. */
class SdkFailuresTest {

    private final AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
            "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9"));

    @Test
    void describe_whenAccessDenied_saysPermissionIsMissing() {
        var denied = DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("User: arn:aws:iam::123456789012:user/ci is not authorized to perform: dynamodb:CreateTable")
                        .build())
                .build();

        assertThat(SdkFailures.describe(denied, AwsService.DYNAMODB, settings))
                .startsWith("access denied by DynamoDB at the eu-west-1 endpoint (AccessDeniedException)")
                .contains("dynamodb:CreateTable");
    }

    @Test
    void describe_whenForbiddenWithoutCode_usesTheStatus() {
        var forbidden = S3Exception.builder().statusCode(403).build();

        assertThat(SdkFailures.describe(forbidden, AwsService.S3, settings))
                .startsWith("access denied by S3 at http://127.0.0.1:9 (HTTP 403)");
    }

    @Test
    void describe_whenEndpointRefusesConnections_saysItCannotBeReached() {
        var refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        assertThat(SdkFailures.describe(refused, AwsService.S3, settings))
                .isEqualTo("cannot reach S3 at http://127.0.0.1:9: ConnectException (Connection refused)");
    }

    @Test
    void describe_whenCallTimesOut_namesTheSetting() {
        var timeout = ApiCallTimeoutException.create(20_000);

        assertThat(SdkFailures.describe(timeout, AwsService.SQS, settings))
                .isEqualTo("no answer from SQS at the eu-west-1 endpoint within PT20S (HEARTWOOD_AWS_CALL_TIMEOUT)");
    }

    @Test
    void describe_whenOtherServiceError_keepsCodeStatusAndMessage() {
        var throttled = DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException")
                        .errorMessage("Too many tables").build())
                .build();

        assertThat(SdkFailures.describe(throttled, AwsService.DYNAMODB, settings))
                .isEqualTo("DynamoDB at the eu-west-1 endpoint refused the request: LimitExceededException, HTTP 400"
                        + " — Too many tables");
    }
}
