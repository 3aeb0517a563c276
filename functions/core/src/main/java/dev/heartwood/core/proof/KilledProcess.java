package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.WriteMemory;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.RelayRequests;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crash at every step with real crashes: the heartbeats of a small workload (a relay post, then
 * the relay messages another agent sent) run as child processes of the shipped program, and the
 * armed one halts at a boundary, with no finally block, shutdown hook or lease release. Then,
 * once its lease has expired, the next heartbeats run as fresh processes. Compared with the same
 * workload run without a kill, in another installation.
 */
final class KilledProcess {

    static final String HEARTBEAT_MD = "# Heartbeat\n\nHeartbeats of this agent may be killed at any step.\n\n"
            + "## Next actions\n\n- [ ] **hello** relay.post: hello from a process that may be killed\n"
            + "- [ ] **read** relay.inbox\n";
    private static final AgentId AGENT = AgentId.of("child-agent");
    private static final AgentId PEER = AgentId.of("child-peer");
    private static final Pattern DONE = Pattern.compile("(?m)^(?:done|resumed): (\\S+) \\(slot (\\S+)\\)");
    private static final int MAX_CHILDREN = 10;

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private final KillableHomes homes;
    private final Consumer<String> progress;

    KilledProcess(ProofSite site, Rehearsal rehearsal, KillableHomes homes, Consumer<String> progress) {
        this.site = site;
        this.rehearsal = rehearsal;
        this.homes = homes;
        this.progress = progress;
    }

    private static final class Played {
        FinalState state;
        int children;
        boolean halted;
        int stuck;
        int acknowledged;
        final List<String> lost = new ArrayList<>();
    }

    ProofReport.Line run(List<Long> seeds, List<Boundary> boundaries, List<String> failures) {
        Instant started = Instant.now();
        int kills = 0;
        int halted = 0;
        int duplicates = 0;
        int lost = 0;
        int acknowledged = 0;
        int stuck = 0;
        int equal = 0;
        int children = 0;
        for (long seed : seeds) {
            int messages = 1 + (int) Math.floorMod(seed, 3L);
            List<int[]> hits = countHits(messages);
            Played reference = play(messages, Optional.empty(), 0);
            children += reference.children;
            for (Boundary boundary : boundaries) {
                for (Fault.Phase phase : Fault.Phase.values()) {
                    kills++;
                    SplittableRandom random = new SplittableRandom(seed * 31 + boundary.ordinal() * 2L + phase.ordinal());
                    List<Integer> reaching = new ArrayList<>();
                    for (int i = 0; i < hits.size(); i++) {
                        if (hits.get(i)[boundary.ordinal()] > 0) {
                            reaching.add(i);
                        }
                    }
                    int beat = reaching.get(random.nextInt(reaching.size()));
                    Fault fault = new Fault(boundary, 1 + random.nextInt(hits.get(beat)[boundary.ordinal()]), phase);
                    Played killed = play(messages, Optional.of(fault), beat + 1);
                    children += killed.children;
                    halted += killed.halted ? 1 : 0;
                    duplicates += killed.state.duplicates();
                    lost += killed.lost.size();
                    acknowledged += killed.acknowledged;
                    stuck += killed.stuck;
                    List<String> differences = reference.state.differences(killed.state);
                    equal += differences.isEmpty() ? 1 : 0;
                    if (!killed.halted || killed.state.duplicates() + killed.lost.size() + killed.stuck > 0
                            || !differences.isEmpty()) {
                        failures.add("seed " + seed + ", heartbeat " + (beat + 1) + " killed at " + fault + ": "
                                + (killed.halted ? "" : "never halted; ") + killed.state.duplicates() + " duplicates, lost "
                                + killed.lost + ", " + killed.stuck + " stuck" + (differences.isEmpty() ? ""
                                        : ", differs: " + String.join("; ", differences))
                                + " — reproduce: heartwood proof --killed --seed " + seed + " --boundary " + boundary.label());
                    }
                    progress.accept("   killed process: seed " + seed + ", heartbeat " + (beat + 1) + " at " + fault
                            + (killed.halted ? " halted" : " NOT halted"));
                }
            }
        }
        boolean passed = kills == halted && duplicates == 0 && lost == 0 && stuck == 0 && equal == kills;
        long seconds = java.time.Duration.between(started, Instant.now()).toSeconds();
        return new ProofReport.Line("crash at every step (killed process)", passed, boundaries.size() + " boundaries × 2 sides × "
                + seeds.size() + " seeds = " + kills + " kills (" + halted + " halted by the hook, " + children
                + " heartwood processes in " + seconds + " s): duplicate deliveries " + duplicates
                + ", lost acknowledged writes " + lost + " of " + acknowledged + ", stuck in progress " + stuck
                + ", final state equal " + equal + "/" + kills);
    }

    /** Boundary passes per heartbeat of the workload, counted in this process on the proof's own site. */
    private List<int[]> countHits(int messages) {
        AgentId agent = AgentId.of("count-" + System.nanoTime() % 1_000_000_000L + "-agent");
        AgentId peer = AgentId.of(agent.value().replace("-agent", "-peer"));
        rehearsal.create(agent);
        rehearsal.create(peer);
        new WriteMemory(site.stores().memory(), Redactor.standard(), RuntimeSettings.DEFAULT.limits(), site.clock())
                .run(agent, MemoryPath.HEARTBEAT, HEARTBEAT_MD, new WriteCondition.Unconditional());
        for (int m = 1; m <= messages; m++) {
            rehearsal.say(peer, agent, "child-" + m, "message " + m + " for the child");
        }
        List<int[]> hits = new ArrayList<>();
        for (int i = 0; i < MAX_CHILDREN; i++) {
            Tripwire counting = Tripwire.counting();
            UseCases useCases = new UseCases(FaultInjection.stores(site.stores(), counting, new Witness()),
                    RuntimeSettings.DEFAULT, new EchoModel(), site.clock());
            Rehearsal.Beaten beaten = Rehearsal.beat(useCases, FaultInjection.relay(site.relay(), counting, new Witness()),
                    agent, "count", site);
            int[] counts = new int[Boundary.values().length];
            for (Boundary b : Boundary.values()) {
                counts[b.ordinal()] = counting.hits(b);
            }
            hits.add(counts);
            if (beaten instanceof Rehearsal.Beaten.Ran ran
                    && ran.outcome() instanceof dev.heartwood.core.heartbeat.HeartbeatOutcome.NothingDue) {
                break;
            }
        }
        return hits;
    }

    /** The workload in a fresh installation, heartbeat {@code armedBeat} (from 1) halted at {@code fault}. */
    private Played play(int messages, Optional<Fault> fault, int armedBeat) {
        Played played = new Played();
        try (KillableHomes.Home home = homes.open()) {
            AgentStores stores = home.stores();
            Clock clock = Clock.systemUTC();
            new InitAgent(stores.keys(), stores.keyLogs(), home.relay(), clock).run(AGENT);
            new InitAgent(stores.keys(), stores.keyLogs(), home.relay(), clock).run(PEER);
            new WriteMemory(stores.memory(), Redactor.standard(), RuntimeSettings.DEFAULT.limits(), clock)
                    .run(AGENT, MemoryPath.HEARTBEAT, HEARTBEAT_MD, new WriteCondition.Unconditional());
            RelayRequests peer = new RelayRequests(stores.keys(), home.relayBase(), clock);
            for (int m = 1; m <= messages; m++) {
                home.relay().post(peer.message(PEER, "{\"messageId\":\"child-" + m + "\",\"to\":\"" + AGENT.value()
                        + "\",\"text\":\"message " + m + " for the child\"}"));
            }
            List<String[]> acknowledged = new ArrayList<>();
            for (int child = 1; child <= MAX_CHILDREN; child++) {
                KillableHomes.ChildRun run = child == armedBeat && fault.isPresent() ? home.heartbeat(AGENT, fault.get())
                        : home.heartbeat(AGENT);
                played.children++;
                if (run.halted()) {
                    played.halted = true;
                    pause(home.leaseTtl().plusMillis(300));
                    continue;
                }
                Matcher done = DONE.matcher(run.out());
                while (done.find()) {
                    acknowledged.add(new String[] {done.group(1), done.group(2)});
                }
                if (run.out().startsWith("nothing due") && child >= armedBeat) {
                    break;
                }
            }
            for (String[] ack : acknowledged) {
                played.acknowledged++;
                Optional<JournalEntry> entry = stores.journal().find(AGENT, TaskId.of(ack[0]), Instant.parse(ack[1]));
                if (entry.map(JournalEntry::status).filter(JournalEntry.Status.DONE::equals).isEmpty()) {
                    played.lost.add(ack[0] + "@" + ack[1] + " was reported done but is " + entry.map(e -> e.status().name())
                            .orElse("gone"));
                }
            }
            played.stuck = stores.journal().open(AGENT).size() + (Rehearsal.leaseHeld(stores, AGENT) ? 1 : 0);
            played.state = FinalState.read(stores, home::deliveredBodies, AGENT, PEER);
        }
        return played;
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a killed heartbeat's lease to expire", e);
        }
    }
}
