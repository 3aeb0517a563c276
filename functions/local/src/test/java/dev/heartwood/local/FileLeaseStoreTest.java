package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.LeaseStoreContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLeaseStoreTest extends LeaseStoreContract {

    private static final int CHILD_ACQUISITIONS = 15;

    @TempDir
    Path home;

    @Override
    protected LeaseStore newStore(Clock clock) {
        return new FileLeaseStore(LocalHome.at(home), clock);
    }

    private Path leaseFile() {
        return LocalHome.at(home).store(StoreRole.CONTROL_TABLE).resolve(agent.value()).resolve("lease.json");
    }

    @Test
    void acquire_writesTheLeaseFileAndReleaseKeepsItsToken() throws IOException {
        Lease lease = leases.acquire(agent, "worker-a", TTL).orElseThrow();

        assertThat(Files.readString(leaseFile())).contains("\"fencingToken\" : " + lease.fencingToken(), "worker-a");
        leases.release(lease);
        assertThat(Files.readString(leaseFile())).contains("\"fencingToken\" : " + lease.fencingToken(),
                "1970-01-01T00:00:00Z");
    }

    @Test
    void acquire_whenTheLeaseFileIsUnreadable_failsRatherThanRestartTheTokens() throws IOException {
        Files.createDirectories(leaseFile().getParent());
        Files.writeString(leaseFile(), "not json {");

        assertThatThrownBy(() -> leases.acquire(agent, "worker-a", TTL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(leaseFile().toString());
        assertThat(Files.readString(leaseFile())).isEqualTo("not json {");
    }

    @Test
    void acquire_racedByTwoProcesses_neverHandsOutOneTokenTwice() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LeaseChild.class.getName(), home.toString(), agent.value(), "child-" + i,
                    Integer.toString(CHILD_ACQUISITIONS)).redirectErrorStream(true).start());
        }
        Set<Long> tokens = new HashSet<>();
        for (Process child : children) {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
            List<Long> mine = output.lines().map(Long::parseLong).toList();
            assertThat(mine).hasSize(CHILD_ACQUISITIONS).isSorted();
            tokens.addAll(mine);
        }

        assertThat(tokens).hasSize(2 * CHILD_ACQUISITIONS);
        assertThat(new FileLeaseStore(LocalHome.at(home), Clock.systemUTC()).acquire(agent, "parent", Duration.ofSeconds(5))
                .orElseThrow().fencingToken()).isEqualTo(2L * CHILD_ACQUISITIONS + 1);
    }

    /** A second JVM taking and giving back one agent's lease, printing each token it got. */
    public static final class LeaseChild {

        public static void main(String[] args) {
            FileLeaseStore store = new FileLeaseStore(LocalHome.at(Path.of(args[0])), Clock.systemUTC());
            dev.heartwood.core.identity.AgentId agent = dev.heartwood.core.identity.AgentId.of(args[1]);
            int wanted = Integer.parseInt(args[3]);
            for (int got = 0; got < wanted; ) {
                var lease = store.acquire(agent, args[2], Duration.ofMinutes(1));
                if (lease.isPresent()) {
                    System.out.println(lease.get().fencingToken());
                    store.release(lease.get());
                    got++;
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
