package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.MemoryStoreContract;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@AwsIntegrationTest
class S3MemoryStoreIT extends MemoryStoreContract {

    private final AwsEmulator emulator;
    private final AwsClients clients;
    private final String bucket;

    S3MemoryStoreIT(AwsEmulator emulator) {
        this.emulator = emulator;
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        bucket = emulator.uniquePrefix() + "-memory";
        new S3BucketProvisioner(clients).ensure(new BucketSpec(StoreRole.MEMORY_BUCKET, bucket, true));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    /** Two entries a page, so every history and listing in the contract crosses pages. */
    @Override
    protected MemoryStore newStore() {
        return new S3MemoryStore(clients, bucket, 2);
    }

    @Test
    void write_objectKeys_areExactlyAgentsAgentPath() {
        MemoryStore store = new S3MemoryStore(clients, bucket);
        store.write(agent, MemoryPath.SOUL, "# Soul\n", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.dailyLog(LocalDate.of(2026, 11, 22)), "- woke\n", new WriteCondition.CreateOnly());

        assertThat(clients.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("agents/" + agent + "/SOUL.md", "agents/" + agent + "/memory/2026-11-22.md");
        assertThat(clients.s3().headObject(b -> b.bucket(bucket).key("agents/" + agent + "/SOUL.md")).contentType())
                .isEqualTo("text/markdown; charset=utf-8");
    }

    @Test
    void write_ifUnchanged_whenAnotherWriterWonTheConditionalPut_reports412AsAConflict() {
        Version read = store.write(agent, MemoryPath.MEMORY, "v1", new WriteCondition.CreateOnly());
        putRaw("agents/" + agent + "/MEMORY.md", "theirs".getBytes(StandardCharsets.UTF_8));

        // The first store knows v1's ETag from its write; a fresh one has to look it up.
        for (MemoryStore writer : new MemoryStore[] {store, new S3MemoryStore(clients, bucket)}) {
            assertThatThrownBy(() -> writer.write(agent, MemoryPath.MEMORY, "mine", new WriteCondition.IfUnchanged(read)))
                    .isInstanceOf(MemoryConflictException.class)
                    .hasMessage("memory " + agent + "/MEMORY.md in bucket " + bucket + ": is no longer at version " + read
                            + " (another writer got there first) (PreconditionFailed, HTTP 412): nothing was written")
                    .cause().isInstanceOf(S3Exception.class)
                    .extracting(cause -> ((S3Exception) cause).statusCode()).isEqualTo(412);
        }
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().content()).isEqualTo("theirs");
        assertThat(store.history(agent, MemoryPath.MEMORY)).hasSize(2);
    }

    @Test
    void write_createOnly_whenAnotherWriterCreatedItFirst_reports412AsAConflict() {
        putRaw("agents/" + agent + "/USER.md", "theirs".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.write(agent, MemoryPath.USER, "mine", new WriteCondition.CreateOnly()))
                .isInstanceOf(MemoryConflictException.class)
                .hasMessage("memory " + agent + "/USER.md in bucket " + bucket
                        + ": exists already and the write was create-only (PreconditionFailed, HTTP 412): nothing was written");
    }

    @Test
    void write_ifUnchanged_withAVersionOfAnotherFileWithTheSameContent_refuses() {
        Version soul = store.write(agent, MemoryPath.SOUL, "same", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.USER, "same", new WriteCondition.CreateOnly());

        // Same content, same ETag: only knowing which key a version belongs to keeps this apart.
        assertThatThrownBy(() -> new S3MemoryStore(clients, bucket).write(agent, MemoryPath.USER, "changed",
                new WriteCondition.IfUnchanged(soul)))
                .isInstanceOf(MemoryConflictException.class)
                .hasMessageContaining("has no version " + soul);
        assertThat(store.read(agent, MemoryPath.USER).orElseThrow().content()).isEqualTo("same");
    }

    @Test
    void history_ofAKeyThatPrefixesOtherKeys_listsOnlyItsOwnVersions() {
        Version v1 = store.write(agent, MemoryPath.SOUL, "1", new WriteCondition.CreateOnly());
        Version v2 = store.write(agent, MemoryPath.SOUL, "2", new WriteCondition.IfUnchanged(v1));
        store.write(agent, MemoryPath.of("SOUL.md/notes.md"), "n", new WriteCondition.CreateOnly());
        putRaw("agents/" + agent + "/SOUL.md.bak", "b".getBytes(StandardCharsets.UTF_8));
        putRaw("agents/" + agent + "/SOUL.md.bak", "b2".getBytes(StandardCharsets.UTF_8));

        assertThat(store.history(agent, MemoryPath.SOUL)).extracting(FileVersion::version).containsExactly(v2, v1);
    }

    @Test
    void list_skipsKeysThatAreNotMemoryFiles() {
        store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());
        putRaw("agents/" + agent + "/notes.txt", "not markdown".getBytes(StandardCharsets.UTF_8));
        putRaw("agents/" + agent + "/a/b/c/too-deep.md", "d".getBytes(StandardCharsets.UTF_8));

        assertThat(store.list(agent)).extracting(v -> v.path().value()).containsExactly("SOUL.md");
    }

    @Test
    void read_whenTheObjectIsNotUtf8_namesTheFileAndTheBucket() {
        putRaw("agents/" + agent + "/USER.md", new byte[] {'L', 'a', 't', 'i', 'n', '-', '1', ' ', (byte) 0xE9});

        assertThatThrownBy(() -> store.read(agent, MemoryPath.USER))
                .isInstanceOf(MemoryException.class)
                .hasMessageStartingWith("memory " + agent + "/USER.md in bucket " + bucket + ": version ")
                .hasMessageContaining("is not UTF-8 text")
                .hasMessageNotContaining("Latin");
    }

    @Test
    void delete_ofAFileThatIsGoneOrNeverExisted_addsNoDeleteMarker() {
        store.write(agent, MemoryPath.HEARTBEAT, "h", new WriteCondition.CreateOnly());

        store.delete(agent, MemoryPath.HEARTBEAT);
        store.delete(agent, MemoryPath.HEARTBEAT); // S3 (and moto) would stack a second marker
        store.delete(agent, MemoryPath.TOOLS); // S3 (not moto) would leave a marker on a key that never was

        assertThat(clients.s3().listObjectVersions(b -> b.bucket(bucket)).deleteMarkers()).extracting(DeleteMarkerEntry::key)
                .containsExactly("agents/" + agent + "/HEARTBEAT.md");
        assertThat(store.history(agent, MemoryPath.HEARTBEAT)).extracting(FileVersion::deleted).containsExactly(true, false);
    }

    @Test
    void read_whenS3IsUnreachable_saysSoInOneLineNamingTheBucket() {
        Map<String, String> env = new HashMap<>(emulator.unreachable().environment());
        env.put("HEARTWOOD_AWS_CALL_TIMEOUT", "5s");
        AgentId someone = newAgent();
        try (AwsClients unreachable = new AwsClients(AwsSettings.fromEnvironment(env))) {
            MemoryStore offline = new S3MemoryStore(unreachable, bucket);

            assertThatThrownBy(() -> offline.read(someone, MemoryPath.SOUL))
                    .isInstanceOf(MemoryException.class)
                    .hasMessageStartingWith("memory " + someone + "/SOUL.md in bucket " + bucket + ": cannot reach S3 at "
                            + env.get("AWS_ENDPOINT_URL") + ": ConnectException")
                    .hasMessageNotContaining("\n")
                    .cause().isNotNull();
            assertThatThrownBy(() -> offline.write(someone, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly()))
                    .isInstanceOf(MemoryException.class)
                    .isNotInstanceOf(MemoryConflictException.class)
                    .hasMessageContaining("in bucket " + bucket + ": cannot reach S3");
        }
    }

    @Test
    void write_whenTheAnswerToAWriteThatLandedIsLost_theRetryRecognisesItInsteadOfReportingAConflict() throws IOException {
        String endpoint = emulator.environment().get("AWS_ENDPOINT_URL");
        assumeTrue(endpoint != null && endpoint.startsWith("http://"), "needs a plain-HTTP emulator endpoint to stand in front of");
        try (LosesFirstAnswers proxy = new LosesFirstAnswers(endpoint)) {
            Map<String, String> env = new HashMap<>(emulator.environment());
            env.keySet().removeIf(name -> name.startsWith("AWS_ENDPOINT_URL"));
            env.put("AWS_ENDPOINT_URL", proxy.url());
            try (AwsClients flaky = new AwsClients(AwsSettings.fromEnvironment(env))) {
                MemoryStore writer = new S3MemoryStore(flaky, bucket);

                Version v1 = writer.write(agent, MemoryPath.MEMORY, "one\n", new WriteCondition.CreateOnly());
                Version v2 = writer.write(agent, MemoryPath.MEMORY, "one\ntwo\n", new WriteCondition.IfUnchanged(v1));

                assertThat(proxy.lostAnswers()).isEqualTo(2);
            }
        }
        assertThat(store.history(agent, MemoryPath.MEMORY)).hasSize(2);
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().content()).isEqualTo("one\ntwo\n");
    }

    private void putRaw(String key, byte[] content) {
        clients.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /**
     * Passes requests on to the emulator, but never answers the first attempt of a conditional PUT:
     * the write lands and the connection drops, as when a response is lost on the way back.
     */
    private static final class LosesFirstAnswers implements AutoCloseable {

        private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
                "upgrade", "transfer-encoding");
        private final HttpServer server;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String target;
        private final AtomicInteger conditionalPuts = new AtomicInteger();
        private final AtomicInteger lost = new AtomicInteger();

        LosesFirstAnswers(String target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::forward);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int lostAnswers() {
            return lost.get();
        }

        private void forward(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            boolean conditionalPut = exchange.getRequestMethod().equals("PUT")
                    && (exchange.getRequestHeaders().containsKey("If-Match") || exchange.getRequestHeaders().containsKey("If-None-Match"));
            if (conditionalPut && conditionalPuts.getAndIncrement() % 2 == 0) {
                lost.incrementAndGet();
                throw new IOException("answer lost on purpose"); // the server drops the connection unanswered
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
            if (!noBody) {
                exchange.getResponseBody().write(response.body());
            }
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
