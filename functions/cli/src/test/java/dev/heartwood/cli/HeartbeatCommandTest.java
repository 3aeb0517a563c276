package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LoopbackRelay;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heartwood heartbeat} on the embedded default: a signed post reaches the loopback relay once. */
class HeartbeatCommandTest {

    @TempDir
    Path tmp;

    private InProcessCli.Run run(String stdin, String... args) {
        return InProcessCli.run(Map.of("HEARTWOOD_HOME", tmp.resolve("home").toString(), "HEARTWOOD_PASSPHRASE", "pass"),
                stdin, args);
    }

    @BeforeEach
    void init() {
        assertThat(run("", "init", "agent-7f3a").code()).isZero();
    }

    @Test
    void heartbeat_postsTheDueMessageOnceAndRecordsIt() {
        run("# Heartbeat\n\n## Periodic checks\n\n- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n",
                "memory", "write", "agent-7f3a", "HEARTBEAT.md");

        InProcessCli.Run first = run("", "heartbeat", "agent-7f3a");
        InProcessCli.Run second = run("", "heartbeat", "agent-7f3a");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("done: hello (slot ").contains("relay receipt #1");
        assertThat(second.out()).startsWith("nothing due for agent-7f3a");
        var relay = LoopbackRelay.in(LocalHome.at(tmp.resolve("home")));
        assertThat(relay.deliveredBodies(AgentId.of("agent-7f3a"))).singleElement().asString().contains("good morning");
        assertThat(run("", "memory", "cat", "agent-7f3a", "HEARTBEAT.md").out()).contains("last: ", "done");
    }

    @Test
    void heartbeat_whenHeartbeatMdIsBroken_exitsOneNamingTheLine() {
        run("# Heartbeat\n\n## Periodic checks\n\n- **hello** relay.nope `x` — every 30m\n", "memory", "write", "agent-7f3a",
                "HEARTBEAT.md");

        InProcessCli.Run run = run("", "heartbeat", "agent-7f3a");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("heartbeat failed: HEARTBEAT.md cannot be read", "line 5", "relay.nope");
    }

    @Test
    void heartbeat_onTheSeededTemplate_hasNothingDue() {
        assertThat(run("", "heartbeat", "agent-7f3a").out()).startsWith("nothing due");
    }
}
