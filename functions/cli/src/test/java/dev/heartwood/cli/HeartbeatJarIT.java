package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats of the shipped jar with {@code --aws}: lease and journal in DynamoDB, memory in S3, one relay message per slot. */
@AwsIntegrationTest
class HeartbeatJarIT {

    @TempDir
    Path tmp;

    private HeartwoodJar jar;

    @BeforeEach
    void setUp(AwsEmulator emulator) throws Exception {
        Map<String, String> env = new HashMap<>(emulator.environment());
        env.put("HEARTWOOD_PREFIX", emulator.uniquePrefix());
        jar = new HeartwoodJar(tmp, env);
        assertThat(jar.run("--aws", "bootstrap").code()).isZero();
        assertThat(jar.run("--aws", "init", "agent-hb").code()).isZero();
        HeartwoodJar.Run write = jar.run(Map.of(), "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n",
                "--aws", "memory", "write", "agent-hb", "HEARTBEAT.md");
        assertThat(write.code()).as(write.err()).isZero();
    }

    private List<String> delivered() {
        return LoopbackRelay.in(LocalHome.at(tmp.resolve("user-home/.heartwood"))).deliveredBodies(AgentId.of("agent-hb"));
    }

    @Test
    void heartbeat_runFiveTimes_sendsOneRelayMessage() throws Exception {
        List<HeartwoodJar.Run> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(jar.run("--aws", "heartbeat", "agent-hb"));
        }

        assertThat(runs.get(0).code()).as(runs.get(0).err()).isZero();
        assertThat(runs.get(0).out()).startsWith("done: hello");
        assertThat(runs.subList(1, 5)).allSatisfy(r -> assertThat(r.out()).startsWith("nothing due"));
        assertThat(delivered()).hasSize(1);
    }

    @Test
    void heartbeat_twoAtOnce_produceOneEffect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<HeartwoodJar.Run>> runs = List.of(
                pool.submit(() -> jar.run("--aws", "heartbeat", "agent-hb")),
                pool.submit(() -> jar.run("--aws", "heartbeat", "agent-hb")));
        List<HeartwoodJar.Run> results = List.of(runs.get(0).get(), runs.get(1).get());
        pool.shutdown();

        assertThat(results).filteredOn(r -> r.out().startsWith("done: hello")).hasSize(1);
        assertThat(results).allSatisfy(r -> assertThat(r.code()).isIn(0, HeartbeatCommand.BUSY));
        assertThat(delivered()).hasSize(1);
    }
}
