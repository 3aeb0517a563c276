package dev.heartwood.core.heartbeat.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.SeedMemory;
import dev.heartwood.core.memory.WriteCondition;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TaskExecutorsTest {

    private final AgentId agent = AgentId.of("agent-7f3a");
    private final Instant slot = Instant.parse("2026-11-22T09:00:00Z");

    private TaskRun run(String kind, String argument) {
        TaskId task = TaskId.of("t1");
        return new TaskRun(agent, task, kind, argument, slot, MessageId.of(agent, task, slot));
    }

    @Test
    void relayPost_preparesABodyCarryingTheDeterministicMessageId() {
        RelayPostTask post = new RelayPostTask();

        String body = post.prepare(run("relay.post", "good morning")).orElseThrow();

        assertThat(body).contains("\"messageId\":\"" + MessageId.of(agent, TaskId.of("t1"), slot).value() + "\"",
                "\"text\":\"good morning\"");
        assertThat(post.prepare(run("relay.post", "good morning"))).contains(body);
        assertThatThrownBy(() -> post.prepare(run("relay.post", " "))).hasMessageContaining("has no text to post");
    }

    @Test
    void httpCheck_recordsTheStatusOrSaysWhyItFailed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try {
            HttpCheckTask check = new HttpCheckTask(Duration.ofSeconds(5));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";

            assertThat(check.perform(run("http.check", url))).startsWith(url + " answered 503 in ");
            assertThatThrownBy(() -> check.perform(run("http.check", "http://127.0.0.1:" + closed + "/")))
                    .isInstanceOf(TaskFailedException.class).hasMessageContaining("ConnectException");
            assertThatThrownBy(() -> check.perform(run("http.check", "file:///etc/passwd")))
                    .hasMessageContaining("only http(s) URLs can be checked");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void memoryAudit_turnsStaleAndDanglingNotesIntoNextActionsOnce() {
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        store.write(agent, MemoryPath.HEARTBEAT, SeedMemory.template(MemoryPath.HEARTBEAT, agent), new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.MEMORY, "See notes/garden.md for the plan.\n", new WriteCondition.CreateOnly());
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);
        MemoryAuditTask audit = new MemoryAuditTask(store, later, Duration.ofDays(30));

        String first = audit.perform(run("memory.audit", ""));
        String second = audit.perform(run("memory.audit", ""));

        String heartbeat = store.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content();
        assertThat(heartbeat).contains("- [ ] memory.audit: MEMORY.md refers to notes/garden.md, which does not exist",
                "- [ ] memory.audit: review MEMORY.md, not touched in");
        assertThat(first).contains("new next actions").doesNotContain(" 0 new");
        assertThat(second).contains("0 new next actions");
    }
}
