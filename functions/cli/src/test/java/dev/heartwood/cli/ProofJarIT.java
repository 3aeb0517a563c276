package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.local.FileJournal;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LoopbackRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The killed-process mode of the proof, through the shipped jar: heartbeats halted at a boundary, then resumed. */
class ProofJarIT {

    private static final AgentId AGENT = AgentId.of("agent-killed");
    /** Long enough that a second JVM starts well inside it on a loaded machine, short enough to wait out. */
    private static final Duration LEASE = Duration.ofSeconds(12);

    @TempDir
    Path tmp;

    @Test
    void heartbeat_haltedJustAfterTheRelayPost_isResumedOnceTheLeaseExpiresAndDeliversOnce() throws Exception {
        Path home = tmp.resolve("home");
        HeartwoodJar jar = new HeartwoodJar(tmp, Map.of("HEARTWOOD_HOME", home.toString(),
                "HEARTWOOD_PASSPHRASE", "correct horse battery staple", "HEARTWOOD_LEASE_TTL", LEASE.toMillis() + "ms"));
        assertThat(jar.run("bootstrap").code()).isZero();
        assertThat(jar.run("init", AGENT.value()).code()).isZero();
        assertThat(jar.run(Map.of(), "# Heartbeat\n\n## Next actions\n\n- [ ] **hello** relay.post: hello, killed or not\n",
                "memory", "write", AGENT.value(), "HEARTBEAT.md").code()).isZero();

        HeartwoodJar.Run killed = jar.run(Map.of("HEARTWOOD_PROOF_HALT_AT", "relay-post:1:after"), "", "heartbeat",
                AGENT.value());
        long killedEnded = System.nanoTime();
        LoopbackRelay relay = LoopbackRelay.in(LocalHome.at(home));
        FileJournal journal = new FileJournal(LocalHome.at(home));

        assertThat(killed.code()).as(killed.err()).isEqualTo(dev.heartwood.core.proof.KillableHomes.HALTED);
        assertThat(killed.err()).contains("halted at relay-post:1:after");
        assertThat(relay.deliveredBodies(AGENT)).as("the relay had the message before the kill").hasSize(1);
        assertThat(journal.open(AGENT)).as("left in progress by the kill").hasSize(1);

        HeartwoodJar.Run tooSoon = jar.run("heartbeat", AGENT.value());
        // The lease was taken before the killed process ended; wait until it has certainly run out.
        long leaseOver = killedEnded + LEASE.toNanos() + TimeUnit.SECONDS.toNanos(1);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(leaseOver - System.nanoTime())));
        HeartwoodJar.Run next = jar.run("heartbeat", AGENT.value());

        assertThat(tooSoon.code()).as("the killed heartbeat's lease still holds").isEqualTo(HeartbeatCommand.BUSY);
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.out()).startsWith("resumed: hello").contains("relay receipt #1");
        assertThat(relay.deliveredBodies(AGENT)).hasSize(1);
        assertThat(journal.entries(AGENT)).singleElement().extracting(e -> e.entry().status())
                .isEqualTo(JournalEntry.Status.DONE);
    }

    @Test
    void proof_killedProcessesAtThreeBoundaries_everyFigureOnTarget() throws Exception {
        HeartwoodJar jar = new HeartwoodJar(tmp, Map.of());

        // About a dozen seconds per kill: four heartwood processes and a lease's lifetime.
        HeartwoodJar.Run run = jar.run(Duration.ofMinutes(6), Map.of(), "", "proof", "--killed", "--seeds", "1", "--boundary", "outbox", "--boundary",
                "relay-post", "--boundary", "chat-row");

        assertThat(run.out()).as(run.err()).contains("✅ crash at every step (killed process) — 3 boundaries × 2 sides × 1 seeds"
                + " = 6 kills (6 halted by the hook", "duplicate deliveries 0, lost acknowledged writes 0",
                "stuck in progress 0, final state equal 6/6");
        assertThat(run.code()).isZero();
    }
}
