package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A heartbeat stopped mid-task, as a Lambda that times out or a container frozen mid-call: the
 * heartbeat's thread is held at a boundary (which one, the seed decides) while the clock runs past
 * its lease. Another heartbeat while the lease is live must find it busy; the first one after
 * expiry must finish the work; when the stalled one wakes, none of its journal writes may land,
 * and the end state must equal a run that was never stopped.
 */
final class HeartbeatTimeout {

    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
    private static final List<Boundary> STALLS = List.of(Boundary.OUTBOX, Boundary.RELAY_POST, Boundary.MEMORY_WRITE,
            Boundary.JOURNAL_DONE, Boundary.JOURNAL, Boundary.CHAT_ROW);

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private final AtomicInteger runs = new AtomicInteger();

    HeartbeatTimeout(ProofSite site, Rehearsal rehearsal) {
        this.site = site;
        this.rehearsal = rehearsal;
    }

    ProofReport.Line run(List<Long> seeds, List<String> failures) {
        int stalls = 0;
        int stuck = 0;
        int completed = 0;
        int overlapping = 0;
        int lateWrites = 0;
        int duplicates = 0;
        int equal = 0;
        for (long seed : seeds) {
            Fault stall = new Fault(STALLS.get((int) Math.floorMod(seed, (long) STALLS.size())), 1,
                    Fault.Phase.values()[(int) Math.floorMod(seed / STALLS.size(), 2L)]);
            stalls++;
            FinalState reference = play(stall, Optional.empty()).state;
            Played played = play(stall, Optional.of(stall));
            stuck += played.stuck;
            completed += played.completed ? 1 : 0;
            overlapping += played.overlapping;
            lateWrites += played.lateWrites;
            duplicates += played.state.duplicates();
            List<String> differences = reference.differences(played.state);
            equal += differences.isEmpty() ? 1 : 0;
            if (played.stuck + played.overlapping + played.lateWrites + played.state.duplicates() > 0 || !played.completed
                    || !differences.isEmpty()) {
                failures.add("seed " + seed + ", heartbeat stopped at " + stall + ": " + played.problems
                        + (differences.isEmpty() ? "" : "; differs: " + String.join("; ", differences))
                        + " — reproduce: heartwood proof --seed " + seed);
            }
        }
        boolean passed = stuck == 0 && completed == stalls && overlapping == 0 && lateWrites == 0 && duplicates == 0
                && equal == stalls;
        return new ProofReport.Line("timeout", passed, stalls + " heartbeats stopped mid-task past their lease: stuck past"
                + " lease expiry " + stuck + ", next run completed " + completed + "/" + stalls
                + ", runs let in while the lease was live " + overlapping + ", journal writes of the stopped run accepted"
                + " after it woke " + lateWrites + ", duplicate deliveries " + duplicates + ", final state equal " + equal
                + "/" + stalls);
    }

    private static final class Played {
        FinalState state;
        int stuck;
        boolean completed;
        int overlapping;
        int lateWrites;
        String problems = "";
    }

    /** One agent with one task whose run passes {@code stall.boundary()}; stopped there if {@code freeze} is given. */
    private Played play(Fault stall, Optional<Fault> freeze) {
        int n = runs.incrementAndGet();
        AgentId agent = AgentId.of("stall-" + n + "-agent");
        AgentId peer = AgentId.of("stall-" + n + "-peer");
        rehearsal.moveClockTo(START.plus(Duration.ofDays(n)));
        rehearsal.create(agent);
        rehearsal.create(peer);
        boolean inbox = stall.boundary() == Boundary.CHAT_ROW || stall.boundary() == Boundary.JOURNAL;
        String heartbeat = "# Heartbeat\n\n## Next actions\n\n"
                + (inbox ? "- [ ] **read** relay.inbox\n" : "- [ ] **hello** relay.post: hello, then a long pause\n");
        UseCases plain = new UseCases(site.stores(), RuntimeSettings.DEFAULT, new EchoModel(), site.clock());
        plain.writeMemory(Redactor.standard()).run(agent, MemoryPath.HEARTBEAT, heartbeat, new WriteCondition.Unconditional());
        for (int m = 1; inbox && m <= 3; m++) {
            rehearsal.say(peer, agent, "stall-" + m, "message " + m + " before the pause");
        }
        Played played = new Played();
        if (freeze.isPresent()) {
            stopAndTakeOver(agent, plain, freeze.get(), played);
        }
        Rehearsal.Beaten last = null;
        for (int i = 0; i < Rehearsal.MAX_DRAIN && !(last instanceof Rehearsal.Beaten.Ran ran
                && ran.outcome() instanceof HeartbeatOutcome.NothingDue); i++) {
            last = Rehearsal.beat(plain, site.relay(), agent, "after", site);
        }
        rehearsal.moveClockTo(site.clock().instant().plus(RuntimeSettings.DEFAULT.leaseTtl().plusSeconds(1)));
        played.stuck += site.stores().journal().open(agent).size() + (Rehearsal.leaseHeld(site.stores(), agent) ? 1 : 0);
        played.state = FinalState.read(site.stores(), site.deliveredBodies(), agent, peer);
        return played;
    }

    private void stopAndTakeOver(AgentId agent, UseCases plain, Fault freeze, Played played) {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        Tripwire tripwire = Tripwire.armed(freeze, f -> {
            reached.countDown();
            try {
                wake.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        UseCases stalled = new UseCases(FaultInjection.stores(site.stores(), tripwire, new Witness()),
                RuntimeSettings.DEFAULT, new EchoModel(), site.clock());
        Relay relay = FaultInjection.relay(site.relay(), tripwire, new Witness());
        AtomicReference<Rehearsal.Beaten> stalledOutcome = new AtomicReference<>();
        Thread stopped = Thread.ofPlatform().name("stalled-heartbeat").start(() ->
                stalledOutcome.set(Rehearsal.beat(stalled, relay, agent, "stalled", site)));
        try {
            if (!reached.await(30, TimeUnit.SECONDS)) {
                played.problems = "the heartbeat never reached " + freeze + " (it ended " + stalledOutcome.get() + ")";
                wake.countDown();
                return;
            }
            Instant stoppedAt = site.clock().instant();
            rehearsal.moveClockTo(stoppedAt.plusSeconds(60));
            Rehearsal.Beaten during = Rehearsal.beat(plain, site.relay(), agent, "during", site);
            if (!(during instanceof Rehearsal.Beaten.Ran ran && ran.outcome() instanceof HeartbeatOutcome.Busy)) {
                played.overlapping++;
                played.problems = "a heartbeat while the lease was live was let in: " + during;
            }
            rehearsal.moveClockTo(stoppedAt.plus(RuntimeSettings.DEFAULT.leaseTtl()).plusSeconds(1));
            Rehearsal.Beaten next = Rehearsal.beat(plain, site.relay(), agent, "next", site);
            List<Journal.OpenEntry> open = site.stores().journal().open(agent);
            played.completed = next instanceof Rehearsal.Beaten.Ran ran && open.isEmpty()
                    && !(ran.outcome() instanceof HeartbeatOutcome.Busy) && !(ran.outcome() instanceof HeartbeatOutcome.Failed);
            played.stuck += open.size();
            if (!played.completed) {
                played.problems += " the first heartbeat after the lease expired: " + next + ", still open: " + open.size();
            }
            List<Journal.OpenEntry> beforeWaking = site.stores().journal().entries(agent);
            wake.countDown();
            stopped.join(30_000);
            if (!site.stores().journal().entries(agent).equals(beforeWaking)) {
                played.lateWrites++;
                played.problems += " the stopped heartbeat changed the journal after it woke (" + stalledOutcome.get() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a heartbeat was stopped", e);
        }
    }
}
