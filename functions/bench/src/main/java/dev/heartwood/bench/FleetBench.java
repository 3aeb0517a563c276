package dev.heartwood.bench;

import dev.heartwood.aws.DynamoDbDueIndex;
import dev.heartwood.aws.SqsHeartbeatQueue;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.dispatch.DispatchResult;
import dev.heartwood.core.dispatch.Shards;
import dev.heartwood.core.identity.AgentId;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet's dispatch path ({@link DispatchDueAgents}: sharded roster reads, batches of ten to
 * the queue, conditional advances) for a whole cadence: a simulated roster of N agents woken every
 * 15 minutes, ticked once a minute for 15 minutes; and the same path on the emulators' DynamoDB and
 * SQS for a smaller fleet, whose calls are recorded.
 */
final class FleetBench {

    static final Duration CADENCE = Duration.ofMinutes(15);
    private static final String AGENT_PREFIX = "fleet-";

    /**
     * @param wokenOnce agents that got exactly one wake-up in the cadence (all of them, if nothing was lost or doubled)
     * @param rosterHeapBytes heap the simulated roster holds (it stands in for the table)
     * @param tickHeapBytes most heap in use above the roster while ticks ran
     */
    record Simulation(int agents, int shards, int ticks, long dispatched, int wokenOnce, long wallNanos, long slowestTickNanos,
            long queries, long batches, long updates, long rosterHeapBytes, long tickHeapBytes) {

        double agentsPerSecond() {
            return dispatched / (wallNanos / 1e9);
        }

        double requestsPerAgent() {
            return (queries + batches + updates) / (double) dispatched;
        }
    }

    /** The emulator run: what one tick asked of DynamoDB and SQS, per dispatched agent. */
    record OnEmulators(int agents, DispatchResult result, Recording recording, long wallNanos) {

        double agentsPerSecond() {
            return result.enqueued() / (wallNanos / 1e9);
        }
    }

    static int indexOf(AgentId agent) {
        return Integer.parseInt(agent.value().substring(AGENT_PREFIX.length()));
    }

    static AgentId agent(int index) {
        return AgentId.of(AGENT_PREFIX + String.format("%07d", index));
    }

    Simulation simulate(int agents, int shards) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        SimulatedDueIndex index = new SimulatedDueIndex(shards);
        long spread = CADENCE.toSeconds();
        for (int i = 0; i < agents; i++) {
            index.register(agent(i), CADENCE, start.plusSeconds(i % spread));
        }
        long roster = usedAfterGc(memory) - before;
        long base = memory.getHeapMemoryUsage().getUsed();
        CountingQueue queue = new CountingQueue(agents);
        DispatchDueAgents dispatch = new DispatchDueAgents(index, queue, () -> "bench-" + UUID.randomUUID());
        int ticks = (int) CADENCE.toMinutes();
        long dispatched = 0;
        long slowest = 0;
        AtomicLong peak = new AtomicLong(base);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long began = System.nanoTime();
        for (int tick = 0; tick < ticks; tick++) {
            long tickStart = System.nanoTime();
            DispatchResult result = dispatch.run(start.plusSeconds(60L * tick + 59));
            slowest = Math.max(slowest, System.nanoTime() - tickStart);
            dispatched += result.enqueued();
        }
        long wall = System.nanoTime() - began;
        sampler.interrupt();
        return new Simulation(agents, shards, ticks, dispatched, queue.agentsWoken(1), wall, slowest, index.queries(),
                queue.requests(), index.updates(), roster, Math.max(0, peak.get() - base));
    }

    OnEmulators onEmulators(BenchInstallation installation, RequestRecorder recorder, int agents) {
        String control = installation.names().nameOf(StoreRole.CONTROL_TABLE);
        DynamoDbDueIndex index = new DynamoDbDueIndex(installation.clients(), control, Shards.DEFAULT_COUNT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int first = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < agents; i += 8) {
                    index.register(agent(i), CADENCE, now.minusSeconds(i % 60));
                }
            }));
        }
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering the fleet", e);
            }
        }
        SqsHeartbeatQueue queue = new SqsHeartbeatQueue(installation.clients(), installation.names().nameOf(StoreRole.HEARTBEAT_QUEUE));
        DispatchDueAgents dispatch = new DispatchDueAgents(index, queue, () -> "bench-" + UUID.randomUUID());
        recorder.clear();
        long began = System.nanoTime();
        DispatchResult result = dispatch.run(now);
        long wall = System.nanoTime() - began;
        return new OnEmulators(agents, result, recorder.take(), wall);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
