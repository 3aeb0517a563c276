package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heartwood turn} against a local OpenAI-compatible server, and without any model. */
class TurnCommandTest {

    @TempDir
    Path tmp;

    private InProcessCli.Run run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HEARTWOOD_HOME", tmp.resolve("home").toString(),
                "HEARTWOOD_PASSPHRASE", "pass"));
        env.putAll(extra);
        return InProcessCli.run(env, "", args);
    }

    @Test
    void turn_withAnOpenAiCompatibleModel_printsAndStoresTheAnswer() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"llama3\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"Water the tomatoes first.\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":6,\"total_tokens\":48}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> model = Map.of("HEARTWOOD_MODEL_PROVIDER", "openai", "HEARTWOOD_MODEL", "llama3",
                    "HEARTWOOD_MODEL_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
            run(model, "init", "agent-7f3a");

            InProcessCli.Run turn = run(model, "turn", "agent-7f3a", "what first?");

            assertThat(turn.code()).as(turn.err()).isZero();
            assertThat(turn.out().strip()).isEqualTo("Water the tomatoes first.");
            assertThat(request.get()).contains("\"model\":\"llama3\"", "what first?", "Soul");
            assertThat(run(model, "chat", "tail", "agent-7f3a").out())
                    .contains("user@cli: what first?", "assistant@cli: Water the tomatoes first.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void turn_withoutAModel_saysHowToConfigureOneAndKeepsTheMessage() {
        run(Map.of(), "init", "agent-7f3a");

        InProcessCli.Run turn = run(Map.of(), "turn", "agent-7f3a", "hello?");

        assertThat(turn.code()).isEqualTo(1);
        assertThat(turn.err()).contains("no model configured", "HEARTWOOD_MODEL_PROVIDER");
        assertThat(run(Map.of(), "chat", "tail", "agent-7f3a").out()).contains("user@cli: hello?");
    }
}
