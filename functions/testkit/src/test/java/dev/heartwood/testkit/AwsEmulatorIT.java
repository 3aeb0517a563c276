package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves with raw HTTP, not an SDK, that the endpoints handed out really serve S3 and DynamoDB.
 * The dummy SigV4 header only has to look right: the emulators do not check signatures.
 */
@AwsIntegrationTest
class AwsEmulatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String DATE = "20260101T000000Z";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private static AwsEmulator fromBeforeAll;

    private final AwsEmulator emulator;

    AwsEmulatorIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeAll
    static void remember(AwsEmulator emulator) {
        fromBeforeAll = emulator;
    }

    @Test
    void emulator_whenAskedForTwice_isTheOneStartedForTheWholeRun(AwsEmulator again) {
        assertThat(again).isSameAs(emulator).isSameAs(fromBeforeAll);
    }

    @Test
    void environment_namesRegionCredentialsAndEndpoint() {
        assertThat(emulator.environment())
                .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL");
        assertThat(emulator.environment().get("AWS_ENDPOINT_URL")).startsWith("http");
    }

    @Test
    void s3_whenABucketIsCreated_listsIt() throws Exception {
        String endpoint = emulator.environment().get("AWS_ENDPOINT_URL");
        String bucket = emulator.uniquePrefix() + "-bucket";

        HttpResponse<String> created = send(s3(URI.create(endpoint + "/" + bucket))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> listed = send(s3(URI.create(endpoint + "/")).GET().build());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("ListAllMyBucketsResult").contains("<Name>" + bucket + "</Name>");
    }

    @Test
    void dynamoDb_whenATableIsCreated_listsIt() throws Exception {
        String table = emulator.uniquePrefix() + "-table";

        HttpResponse<String> created = send(dynamoDb("CreateTable", """
                {"TableName": "%s",
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "BillingMode": "PAY_PER_REQUEST"}""".formatted(table)));
        HttpResponse<String> listed = send(dynamoDb("ListTables", "{}"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"TableNames\"").contains("\"" + table + "\"");
    }

    private HttpRequest.Builder s3(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", authorization("s3"))
                .header("x-amz-date", DATE)
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    }

    private HttpRequest dynamoDb(String operation, String body) {
        String endpoint = emulator.environment().getOrDefault(
                "AWS_ENDPOINT_URL_DYNAMODB", emulator.environment().get("AWS_ENDPOINT_URL"));
        return HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .timeout(TIMEOUT)
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", authorization("dynamodb"))
                .header("x-amz-date", DATE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String authorization(String service) {
        String region = emulator.environment().get("AWS_REGION");
        return "AWS4-HMAC-SHA256 Credential=test/20260101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host, Signature=00";
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
