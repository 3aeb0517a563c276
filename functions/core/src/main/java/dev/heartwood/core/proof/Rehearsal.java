package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.WriteMemory;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRequests;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays one {@link Workload} for a fresh agent on a {@link ProofSite}, with the heartbeats' ports
 * behind a {@link Tripwire} (armed with a fault, or only counting), and reads what is left.
 * Everything but the heartbeats — the other agent, the user — uses the undecorated stores.
 */
final class Rehearsal {

    /** Drain heartbeats at the end stop at "nothing due"; this many mean something keeps failing. */
    static final int MAX_DRAIN = 60;

    /** What one run left behind and what went wrong in it. */
    record Result(AgentId agent, Tripwire tripwire, FinalState state, List<String> lost, int stuck, int threw,
            int acknowledged) {

        int duplicates() {
            return state.duplicates();
        }
    }

    private final ProofSite site;
    private final AtomicInteger agents;
    private final Redactor redactor = Redactor.standard();

    Rehearsal(ProofSite site, AtomicInteger agents) {
        this.site = site;
        this.agents = agents;
    }

    Result run(Workload workload, Optional<Fault> fault) {
        int n = agents.incrementAndGet();
        AgentId agent = AgentId.of("proof-" + n + "-agent");
        AgentId peer = AgentId.of("proof-" + n + "-peer");
        moveClockTo(workload.start());
        AgentStores raw = site.stores();
        create(agent);
        create(peer);
        Witness witness = new Witness();
        var written = new WriteMemory(raw.memory(), redactor, RuntimeSettings.DEFAULT.limits(), site.clock())
                .run(agent, MemoryPath.HEARTBEAT, workload.heartbeat(), new WriteCondition.Unconditional());
        witness.acknowledged(agent, MemoryPath.HEARTBEAT, written.version(), workload.heartbeat());
        Tripwire tripwire = fault.map(Tripwire::throwing).orElseGet(Tripwire::counting);
        UseCases heartbeats = new UseCases(FaultInjection.stores(raw, tripwire, witness), RuntimeSettings.DEFAULT,
                new EchoModel(), site.clock());
        Relay relay = FaultInjection.relay(site.relay(), tripwire, witness);
        int threw = 0;
        int peerMessages = 0;
        for (Workload.Step step : workload.steps()) {
            moveClockTo(step.at());
            switch (step) {
                case Workload.Beat beat -> threw += beat(heartbeats, relay, agent, "beat") instanceof Beaten.Threw ? 1 : 0;
                case Workload.PeerSays says -> say(peer, agent, "peer-" + (++peerMessages), says.text());
                case Workload.UserSays says -> witness.acknowledged(new AppendChat(raw.chat(), redactor)
                        .run(agent, new NewChatRow(ChatRole.USER, "web", says.text(), says.delivery())));
                case Workload.UserNotes notes -> witness.acknowledged(agent, MemoryPath.MEMORY,
                        new WriteMemory(raw.memory(), redactor, RuntimeSettings.DEFAULT.limits(), site.clock())
                                .run(agent, MemoryPath.MEMORY, notes.memory(), new WriteCondition.Unconditional()).version(),
                        notes.memory());
                case Workload.UserAsks asks -> addNextAction(agent, asks, witness);
            }
        }
        // Drain: heartbeats until nothing is due; then again once any lease a fault left held has
        // expired (a killed holder's lease is only ever freed by time); then, one lease lifetime
        // later still, nothing may be in progress and nobody may hold the lease. All three moments
        // fall inside the fifteen minutes before the next slot, so no new work becomes due.
        Duration pastExpiry = RuntimeSettings.DEFAULT.leaseTtl().plusMinutes(1);
        moveClockTo(workload.drainAt());
        threw += drain(heartbeats, relay, agent);
        moveClockTo(workload.drainAt().plus(pastExpiry));
        threw += drain(heartbeats, relay, agent);
        moveClockTo(workload.drainAt().plus(pastExpiry.multipliedBy(2)));
        int stuck = raw.journal().open(agent).size() + (leaseHeld(raw, agent) ? 1 : 0);
        FinalState state = FinalState.read(raw, site.deliveredBodies(), agent, peer);
        return new Result(agent, tripwire, state, witness.lost(raw, site.relay(), agent), stuck, threw, witness.count());
    }

    /** Heartbeats until one finds nothing due or the lease taken; returns how many threw. */
    private int drain(UseCases heartbeats, Relay relay, AgentId agent) {
        int threw = 0;
        for (int i = 0; i < MAX_DRAIN; i++) {
            Beaten beaten = beat(heartbeats, relay, agent, "drain");
            if (beaten instanceof Beaten.Threw) {
                threw++;
            } else if (beaten instanceof Beaten.Ran ran && (ran.outcome() instanceof HeartbeatOutcome.NothingDue
                    || ran.outcome() instanceof HeartbeatOutcome.Busy)) {
                break;
            }
        }
        return threw;
    }

    /** One heartbeat's outcome, or the fault (or any failure) it threw. */
    sealed interface Beaten {
        record Ran(HeartbeatOutcome outcome) implements Beaten {
        }

        record Threw(RuntimeException failure) implements Beaten {
        }
    }

    static Beaten beat(UseCases heartbeats, Relay relay, AgentId agent, String owner, ProofSite site) {
        try {
            return new Beaten.Ran(heartbeats.runHeartbeat(Redactor.standard(), relay, site.relayBase(), owner).run(agent));
        } catch (RuntimeException failed) {
            return new Beaten.Threw(failed);
        }
    }

    private Beaten beat(UseCases heartbeats, Relay relay, AgentId agent, String owner) {
        return beat(heartbeats, relay, agent, owner, site);
    }

    /** A fresh agent: key in the vault, genesis in the key log, registered with the relay. */
    void create(AgentId agent) {
        new InitAgent(site.stores().keys(), site.stores().keyLogs(), site.relay(), site.clock()).run(agent);
    }

    /** {@code from} sends {@code to} a relay message, signed, with its own message id. */
    void say(AgentId from, AgentId to, String messageId, String text) {
        String body = "{\"messageId\":\"" + messageId + "\",\"to\":\"" + to.value() + "\",\"text\":\"" + text + "\"}";
        site.relay().post(new RelayRequests(site.stores().keys(), site.relayBase(), site.clock()).message(from, body));
    }

    void moveClockTo(Instant at) {
        site.clock().advance(Duration.between(site.clock().instant(), at));
    }

    /** Whether someone still holds the agent's lease: a probe that cannot take it finds it stuck. */
    static boolean leaseHeld(AgentStores stores, AgentId agent) {
        Optional<Lease> probe = stores.leases().acquire(agent, "proof-probe", Duration.ofSeconds(1));
        probe.ifPresent(stores.leases()::release);
        return probe.isEmpty();
    }

    private void addNextAction(AgentId agent, Workload.UserAsks asks, Witness witness) {
        for (int attempt = 0; attempt < 5; attempt++) {
            MemoryFile current = site.stores().memory().read(agent, MemoryPath.HEARTBEAT).orElseThrow();
            String content = current.content() + "- [ ] **" + asks.task() + "** relay.post: " + asks.text() + "\n";
            try {
                witness.acknowledged(agent, MemoryPath.HEARTBEAT, site.stores().memory().write(agent, MemoryPath.HEARTBEAT,
                        content, new WriteCondition.IfUnchanged(current.version())), content);
                return;
            } catch (MemoryConflictException edited) {
                // A heartbeat wrote HEARTBEAT.md meanwhile: add the line to its newest text
            }
        }
        throw new IllegalStateException("HEARTBEAT.md kept changing: the user's next action was not added");
    }
}
