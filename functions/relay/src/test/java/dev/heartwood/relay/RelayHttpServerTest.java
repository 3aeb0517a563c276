package dev.heartwood.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server side of the protocol, spoken to with a plain HTTP client: statuses, error bodies, limits. */
class RelayHttpServerTest {

    private static final AgentId AGENT = AgentId.of("scout");
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void messages_whenTheMessageIdRepeats_answers201Then200WithTheOriginalReceipt() throws Exception {
        try (LoopbackOverHttp relay = new LoopbackOverHttp(dir)) {
            AgentKey key = AgentKey.generate();
            relay.register(AGENT, key);

            HttpResponse<String> first = send(relay.signed(AGENT, key, "m-1"));
            HttpResponse<String> again = send(relay.signed(AGENT, key, "m-1"));

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body()).contains("\"messageId\":\"m-1\"", "\"sequence\":1");
            assertThat(first.headers().firstValue("Content-Type")).contains("application/json");
        }
    }

    @Test
    void messages_whenServedUnderAPublicBase_rebuildsTheTargetAndForwardsEveryField() throws Exception {
        AtomicReference<HttpMessage> received = new AtomicReference<>();
        URI publicBase = URI.create("https://relay.example/prefix");
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK, publicBase).start(new FakeRelay() {
            @Override
            public Receipt post(HttpMessage request) {
                received.set(request);
                return new Receipt(AGENT, "m-1", 1, LoopbackOverHttp.NOW, "did:key:z6MkExample");
            }
        })) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(server, "/prefix/v1/agents/scout/messages?via=x%20y"))
                    .header("Signature", "sig1=:AA==:").header("X-Trace", "a").header("X-Trace", "b")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messageId\":\"m-1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(received.get().targetUri())
                    .isEqualTo(URI.create("https://relay.example/prefix/v1/agents/scout/messages?via=x%20y"));
            assertThat(received.get().field("signature")).contains("sig1=:AA==:");
            assertThat(received.get().field("x-trace")).contains("a, b");
            assertThat(received.get().body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"messageId\":\"m-1\"}");
        }
    }

    @Test
    void inbox_whenReadWithASignedGet_answers200WithThePage() throws Exception {
        try (LoopbackOverHttp relay = new LoopbackOverHttp(dir)) {
            AgentKey key = AgentKey.generate();
            relay.register(AGENT, key);
            relay.client.post(relay.signedJson(AGENT, key, "{\"messageId\":\"m-1\",\"to\":\"scout\"}"));

            HttpResponse<String> response = send(relay.signedRead(AGENT, key, 0, 10));
            HttpResponse<String> posted = post(relay.server, "/v1/agents/scout/inbox", "");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("{\"messages\":[{\"sequence\":1,\"from\":\"scout\",\"messageId\":\"m-1\"")
                    .endsWith("\"next\":1}");
            assertThat(posted.statusCode()).isEqualTo(405);
            assertThat(posted.headers().firstValue("Allow")).contains("GET");
        }
    }

    @Test
    void request_whenPathIsUnknown_answers404WithAnError() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            HttpResponse<String> response = get(server, "/v1/agents/scout/outbox");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(RelayJson.errorReason(response.body().getBytes(StandardCharsets.UTF_8)))
                    .contains("no such endpoint: /v1/agents/scout/outbox");
        }
    }

    @Test
    void request_whenMethodIsWrong_answers405NamingTheAllowedOne() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            HttpResponse<String> response = get(server, "/v1/agents/scout/challenge");

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("POST");
            assertThat(response.body()).contains("use POST");
        }
    }

    @Test
    void request_whenAgentIdIsInvalid_answers400NamingIt() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            HttpResponse<String> response = get(server, "/v1/agents/Not_Valid/receipts");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("path agentId");
        }
    }

    @Test
    void registration_whenBodyIsMalformed_answers400NamingTheField() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            assertThat(post(server, "/v1/agents/scout/registration", "{\"challenge\":{}}").body())
                    .contains("field keyLog");
            assertThat(post(server, "/v1/agents/scout/registration", "{\"keyLog\":[{\"agentId\":\"scout\"}]}").body())
                    .contains("keyLog[0]").contains("lacks");
            HttpResponse<String> notJson = post(server, "/v1/agents/scout/registration", "{not json");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).contains("not valid JSON");
        }
    }

    @Test
    void registration_whenTheChallengeIsForAnotherAgent_answers400() throws Exception {
        AgentKey key = AgentKey.generate();
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, LoopbackOverHttp.NOW));
        Challenge foreign = new Challenge(AgentId.of("other"), "n".repeat(32), LoopbackOverHttp.NOW);
        String body = new String(RelayJson.toJson(log, foreign, new byte[64]), StandardCharsets.UTF_8);
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            HttpResponse<String> response = post(server, "/v1/agents/scout/registration", body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("field challenge.agentId");
        }
    }

    @Test
    void request_whenBodyExceedsTheCap_answers413() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            HttpResponse<String> response = post(server, "/v1/agents/scout/keys",
                    "x".repeat(RelayRequestHandler.MAX_BODY_BYTES + 1));

            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void request_whenAChunkedBodyExceedsTheCap_answers413() throws Exception {
        byte[] oversized = new byte[RelayRequestHandler.MAX_BODY_BYTES + 1];
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            // ofInputStream has no known length, so the client sends it chunked, without Content-Length.
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(server, "/v1/agents/scout/keys"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void request_whenTheRelayFailsUnexpectedly_answers500WithoutDetails() throws Exception {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay() {
            @Override
            public Challenge challenge(AgentId agent) {
                throw new IllegalStateException("disk /secret/path is full");
            }
        })) {
            HttpResponse<String> response = post(server, "/v1/agents/scout/challenge", "");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}");
            assertThatThrownBy(() -> new HttpRelay(server.baseUri()).challenge(AGENT))
                    .isInstanceOf(RelayUnavailableException.class).hasMessageContaining("HTTP 500")
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void start_whenCalledTwice_throws() {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK).start(new FakeRelay())) {
            assertThatThrownBy(() -> server.start(new FakeRelay())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void baseUri_whenBoundToAnEphemeralPort_namesTheChosenPort() {
        try (RelayHttpServer server = RelayHttpServer.bind(LOOPBACK)) {
            assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.address().getPort()));
            assertThat(server.address().getPort()).isPositive();
        }
    }

    private HttpResponse<String> send(HttpMessage message) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(message.targetUri())
                .method(message.method(), HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.fields().forEach(field -> request.header(field.name(), field.value()));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(RelayHttpServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(local(server, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RelayHttpServer server, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(local(server, path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI local(RelayHttpServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + pathAndQuery);
    }

    /** Answers nothing; each test overrides the one call it needs. */
    private static class FakeRelay implements Relay {
        @Override
        public Challenge challenge(AgentId agent) {
            throw new UnsupportedOperationException("challenge");
        }

        @Override
        public Registration register(KeyLog log, Challenge challenge, byte[] proof) {
            throw new UnsupportedOperationException("register");
        }

        @Override
        public Registration rotate(KeyLogEntry rotation) {
            throw new UnsupportedOperationException("rotate");
        }

        @Override
        public Receipt post(HttpMessage request) {
            throw new UnsupportedOperationException("post");
        }

        @Override
        public InboxPage inbox(HttpMessage signedRead) {
            throw new UnsupportedOperationException("inbox");
        }

        @Override
        public Optional<List<Receipt>> receipts(AgentId agent) {
            return Optional.empty();
        }
    }
}
