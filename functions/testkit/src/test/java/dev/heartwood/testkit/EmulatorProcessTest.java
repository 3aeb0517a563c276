package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorProcessTest {

    @TempDir
    Path work;

    @Test
    void awaitAnswer_whenTheProcessDies_failsWithTheEndOfItsLog() throws IOException {
        EmulatorProcess process = EmulatorProcess.start("fake server",
                List.of("sh", "-c", "echo 'Address already in use'; exit 3"), work.resolve("fake.log"));

        assertThatThrownBy(() -> process.awaitAnswer(probe(unusedPort()), Duration.ofSeconds(30)))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("fake server exited with code 3")
                .hasMessageContaining("Address already in use");
    }

    @Test
    void awaitAnswer_whenNothingAnswersInTime_stopsTheProcessAndFails() throws IOException {
        EmulatorProcess process = EmulatorProcess.start("silent server", List.of("sleep", "300"), work.resolve("silent.log"));

        assertThatThrownBy(() -> process.awaitAnswer(probe(unusedPort()), Duration.ofSeconds(1)))
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("silent server did not answer");
    }

    @Test
    void close_whenTheProcessHasChildren_stopsTheWholeTree() {
        EmulatorProcess process = EmulatorProcess.start("parent",
                List.of("sh", "-c", "sleep 300 & sleep 300 & wait"), work.resolve("tree.log"));
        List<ProcessHandle> children = awaitChildren(process.toHandle(), 2);

        process.close();

        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    private static List<ProcessHandle> awaitChildren(ProcessHandle parent, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = parent.children().toList();
            if (children.size() >= count) {
                return children;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the shell did not start its children");
    }

    private static HttpRequest probe(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(1)).build();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
