package dev.heartwood.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TurnRequestTest {

    static WebhookRequest request(Map<String, String> pathParameters, byte[] body) {
        return new WebhookRequest("POST", "/agents/x/turns", pathParameters, Map.of(), body, false, "req-1");
    }

    static WebhookRequest request(String body) {
        return request(Map.of("agentId", "agent-7f3a"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void from_whenChannelAndText_readsBoth() {
        TurnRequest turn = TurnRequest.from(request("{\"channel\":\"bridge\",\"text\":\"Water the tomatoes\"}"));

        assertThat(turn).isEqualTo(new TurnRequest(AgentId.of("agent-7f3a"), "bridge", "Water the tomatoes"));
    }

    @Test
    void from_whenTelegramUpdate_readsMessageTextAsTelegram() {
        TurnRequest turn = TurnRequest.from(request(
                "{\"update_id\":815203947,\"message\":{\"message_id\":5,\"chat\":{\"id\":42},\"text\":\"Hallo\"}}"));

        assertThat(turn).isEqualTo(new TurnRequest(AgentId.of("agent-7f3a"), "telegram", "Hallo"));
    }

    @Test
    void from_whenNoAgentPathParameter_rejectsEvenIfBodyNamesAgent() {
        WebhookRequest request = request(Map.of(),
                "{\"agentId\":\"agent-7f3a\",\"channel\":\"bridge\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TurnRequest.from(request)).isInstanceOfSatisfying(WebhookRejected.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("path parameter agentId is missing");
        });
    }

    @Test
    void from_whenAgentPathParameterMalformed_rejectsNamingIt() {
        WebhookRequest request = request(Map.of("agentId", "Agent_7F3A"),
                "{\"channel\":\"bridge\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TurnRequest.from(request)).isInstanceOfSatisfying(WebhookRejected.class,
                r -> assertThat(r.reason()).startsWith("path parameter agentId is not valid"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"channel":"bridge","text":"   "}                      | body field text is blank
            {"channel":"bridge","text":""}                         | body field text is blank
            {"channel":"bridge"}                                   | body field text is missing
            {"channel":"bridge","text":7}                          | body field text must be a string, got number
            {"text":"hi"}                                          | body field channel is missing
            {"channel":"","text":"hi"}                             | body field channel is blank
            {"update_id":1,"message":{"text":" "}}                 | body field message.text is blank
            {"update_id":1,"edited_message":{"text":"hi"}}         | telegram update has no message object
            {"update_id":"1","message":{"text":"hi"}}              | body field update_id must be an integer, got string
            ["channel","text"]                                     | body must be a JSON object
            {"channel":"bridge","text":"secret plans"              | body is not valid JSON
            {"channel":"a","channel":"b","text":"hi"}              | body is not valid JSON
            """)
    void from_whenBodyBad_rejects400NamingTheProblem(String body, String reason) {
        assertThatThrownBy(() -> TurnRequest.from(request(body))).isInstanceOfSatisfying(WebhookRejected.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).startsWith(reason).doesNotContain("secret plans");
        });
    }

    @Test
    void from_whenBodyNotUtf8_rejects400() {
        WebhookRequest request = request(Map.of("agentId", "agent-7f3a"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

        assertThatThrownBy(() -> TurnRequest.from(request)).isInstanceOfSatisfying(WebhookRejected.class,
                r -> assertThat(r.reason()).isEqualTo("body is not valid UTF-8"));
    }

    @Test
    void from_whenBodyEmpty_rejects400() {
        assertThatThrownBy(() -> TurnRequest.from(request(""))).isInstanceOfSatisfying(WebhookRejected.class,
                r -> assertThat(r.reason()).startsWith("body is empty"));
    }

    @Test
    void toString_whenTextPresent_omitsUserContent() {
        assertThat(new TurnRequest(AgentId.of("agent-7f3a"), "bridge", "my diary").toString()).doesNotContain("my diary");
    }
}
