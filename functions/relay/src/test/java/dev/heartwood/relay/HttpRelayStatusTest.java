package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.RelayRejectedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How HttpRelay reads answers a real relay rarely gives: every status family, and replies that are not the protocol. */
class HttpRelayStatusTest {

    private static final AgentId AGENT = AgentId.of("scout");

    private HttpServer stub;

    @AfterEach
    void tearDown() {
        stub.stop(0);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403, 404, 409, 413})
    void challenge_whenRelayAnswers4xx_throwsRejectedWithReasonAndStatus(int status) throws IOException {
        HttpRelay relay = new HttpRelay(answering(status, "{\"error\":\"no, because\"}"));

        assertThatThrownBy(() -> relay.challenge(AGENT))
                .isExactlyInstanceOf(RelayRejectedException.class).hasMessage("no, because (HTTP " + status + ")");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {302, 408, 429, 500, 502, 503})
    void challenge_whenRelayAnswersRetryably_throwsUnavailableNamingUrlAndStatus(int status) throws IOException {
        URI base = answering(status, "{\"error\":\"later\"}");

        assertThatThrownBy(() -> new HttpRelay(base).challenge(AGENT))
                .isInstanceOf(RelayUnavailableException.class)
                .hasMessageContaining("POST " + base + "/v1/agents/scout/challenge")
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void challenge_whenA200BodyIsNotTheProtocol_throwsUnavailableNamingTheField() throws IOException {
        HttpRelay relay = new HttpRelay(answering(200, "{\"agentId\":\"scout\"}"));

        assertThatThrownBy(() -> relay.challenge(AGENT))
                .isInstanceOf(RelayUnavailableException.class).hasMessageContaining("field nonce");
    }

    @Test
    void receipts_whenA404HasNoErrorBody_throwsRejectedNamingTheUrl() throws IOException {
        URI base = answering(404, "<html>Not Found</html>");

        assertThatThrownBy(() -> new HttpRelay(base).receipts(AGENT))
                .isInstanceOf(RelayRejectedException.class)
                .hasMessageContaining(base + "/v1/agents/scout/receipts").hasMessageContaining("(HTTP 404)");
    }

    @Test
    void receipts_whenTheRelaysOwn404_isEmpty() throws IOException {
        assertThat(new HttpRelay(answering(404, "{\"error\":\"agent scout is not registered\"}")).receipts(AGENT))
                .isEmpty();
    }

    /** A server that gives every request the same answer; returns its base URL. */
    private URI answering(int status, String body) throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Location", "http://elsewhere.invalid/");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        stub.start();
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }
}
