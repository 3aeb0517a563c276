package dev.heartwood.lambda;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.eclipse.microprofile.config.ConfigProvider;

/** Posts events/ fixtures to Quarkus's mock Lambda event server, which hands them to the configured handler. */
final class LambdaEvents {

    private static final Path EVENTS = Path.of("../../events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaEvents() {
    }

    static String fixture(String name) {
        try {
            return Files.readString(EVENTS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's answer to one event, as the Lambda runtime would return it. */
    static JsonPath invoke(String event) {
        // With test-port=0 the event server writes the port it took back into this property.
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        return given().port(port).contentType("application/json").accept("application/json").body(event)
                .when().post("/_lambda_")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The fixture with the headers a correctly configured sender adds, signed like AnswerWebhookTest does. */
    static String signed(String fixture, Instant at, byte[] secret) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(fixture(fixture));
        String body = event.path("body").asText();
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] raw = event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.put("x-heartwood-timestamp", timestamp);
        headers.put("x-heartwood-signature", "sha256=" + HexFormat.of().formatHex(
                WebhookAuthenticator.sign(secret, timestamp, raw)));
        return event.toString();
    }
}
