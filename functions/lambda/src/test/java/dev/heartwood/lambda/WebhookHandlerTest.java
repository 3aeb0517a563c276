package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook handler behind the mock event server: API Gateway v2 events in, v2 responses out. */
@QuarkusTest
@TestProfile(WebhookHandlerTest.WebhookFunction.class)
class WebhookHandlerTest {

    /** The same function.zip configured as the webhook function. */
    public static class WebhookFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "webhook");
        }
    }

    private static final AgentId AGENT = AgentId.of("agent-7f3a");

    @Inject
    InMemoryWiring wiring;

    @Test
    void handleRequest_whenSigned_answers200WithTheModelsAnswer() throws Exception {
        JsonPath response = LambdaEvents.invoke(
                LambdaEvents.signed("webhook-turn.json", InMemoryWiring.NOW, InMemoryWiring.SECRET));

        assertThat(response.getInt("statusCode")).isEqualTo(200);
        assertThat(response.getString("headers.content-type")).isEqualTo("application/json");
        assertThat(JsonPath.from(response.getString("body")).getString("answer")).isEqualTo(InMemoryWiring.ANSWER);
        assertThat(wiring.chat.newest(AGENT, 10)).extracting(row -> row.role().name()).contains("USER", "ASSISTANT");
    }

    @Test
    void handleRequest_whenForgedOrOversized_answers4xxAndAsksNothing() throws Exception {
        int asked = wiring.asked.get();
        JsonPath forged = LambdaEvents.invoke(LambdaEvents.signed("webhook-turn.json", InMemoryWiring.NOW,
                "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8)));
        JsonPath oversized = LambdaEvents.invoke(LambdaEvents.fixture("invalid/webhook-oversized.json"));

        assertThat(forged.getInt("statusCode")).isEqualTo(401);
        assertThat(JsonPath.from(forged.getString("body")).getString("error")).contains("signature does not match");
        assertThat(oversized.getInt("statusCode")).isEqualTo(413);
        assertThat(wiring.asked.get()).isEqualTo(asked);
    }
}
