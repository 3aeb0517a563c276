package dev.heartwood.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.InMemoryChatLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The webhook turn from the events/ fixtures: answered once per delivery; every rejection writes nothing. */
class AnswerWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../../events");
    private static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T09:20:00Z");

    private final AgentId agent = AgentId.of("agent-7f3a");
    private final InMemoryChatLog chat = new InMemoryChatLog(Clock.systemUTC());
    private final AtomicInteger asked = new AtomicInteger();
    private final ModelClient model = request -> {
        asked.incrementAndGet();
        return new ModelReply("Nothing odd: all sensors in range.", "m", 1, 1, "end_turn");
    };
    private final AnswerWebhook webhook = new AnswerWebhook(
            WebhookAuthenticator.of("telegram", WebhookScheme.hmacSha256(SECRET), Clock.fixed(NOW, ZoneOffset.UTC)),
            new TakeTurn(new AppendChat(chat, Redactor.standard()), chat,
                    new BuildContext(new InMemoryMemoryStore(), chat, Clock.systemUTC(), ContextBudget.DEFAULT), model, 256));

    /** The fixture with the headers a correctly configured sender adds. */
    private static String signed(String fixture, Instant at, byte[] secret) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(fixture)));
        String body = event.path("body").asText();
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] raw = event.path("isBase64Encoded").asBoolean() ? java.util.Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.put("x-heartwood-timestamp", timestamp);
        headers.put("x-heartwood-signature", "sha256=" + java.util.HexFormat.of().formatHex(
                WebhookAuthenticator.sign(secret, timestamp, raw)));
        return event.toString();
    }

    @Test
    void run_whenSignedAndFresh_answersAndStoresBothRows() throws Exception {
        AnswerWebhook.Answer answer = webhook.run(signed("webhook-turn.json", NOW, SECRET));

        assertThat(answer).isEqualTo(new AnswerWebhook.Answer(200, "Nothing odd: all sensors in range."));
        assertThat(chat.newest(agent, 10)).extracting(r -> r.role().name()).containsExactly("ASSISTANT", "USER");
    }

    @Test
    void run_whenTheSameDeliveryIsRetried_answersTheSameWithoutAskingAgain() throws Exception {
        String event = signed("webhook-turn.json", NOW, SECRET);

        AnswerWebhook.Answer first = webhook.run(event);
        AnswerWebhook.Answer retry = webhook.run(event);

        assertThat(retry).isEqualTo(first);
        assertThat(asked.get()).isEqualTo(1);
        assertThat(chat.newest(agent, 10)).hasSize(2);
    }

    @Test
    void run_forgedStaleOrOversized_isRejectedWithAReasonAndWritesNothing() throws Exception {
        AnswerWebhook.Answer forged = webhook.run(signed("webhook-turn.json", NOW, "another-secret-of-32-bytes-long!".getBytes()));
        AnswerWebhook.Answer stale = webhook.run(signed("webhook-turn.json", NOW.minusSeconds(600), SECRET));
        AnswerWebhook.Answer oversized = webhook.run(Files.readString(EVENTS.resolve("invalid/webhook-oversized.json")));
        AnswerWebhook.Answer unsigned = webhook.run(Files.readString(EVENTS.resolve("webhook-turn.json")));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).contains("signature does not match");
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).contains("outside the 5-minute window");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(chat.newest(agent, 10)).isEmpty();
        assertThat(asked.get()).isZero();
    }
}
