package dev.heartwood.core.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The fleet tick: reads every shard of the roster in parallel (a virtual thread each), pages
 * through the agents due at {@code now}, enqueues a wake-up for each in batches of ten, and
 * advances each enqueued agent to its first slot after {@code now}.
 *
 * <p>Missed slots are skipped: after an outage an agent gets one wake-up, not one per slot it
 * missed, so a tick never floods the queue; the heartbeat itself catches up from HEARTBEAT.md.
 * An agent whose wake-up the queue rejects is not advanced and stays due for the next tick, so no
 * agent is lost. Partial batches of different shards are combined, so a sparse fleet still sends
 * full batches.
 */
public final class DispatchDueAgents {

    public static final int DEFAULT_PAGE_SIZE = 100;

    private final DueIndex index;
    private final HeartbeatQueue queue;
    private final Supplier<String> executionIds;
    private final int pageSize;

    /**
     * @param executionIds one id per tick, written into every wake-up it sends (e.g. the Lambda
     *     request id, or {@code "dispatch-" + UUID.randomUUID()})
     * @param pageSize agents per roster page, 1-{@value DuePage#MAX_LIMIT}
     */
    public DispatchDueAgents(DueIndex index, HeartbeatQueue queue, Supplier<String> executionIds, int pageSize) {
        this.index = Objects.requireNonNull(index, "index");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.executionIds = Objects.requireNonNull(executionIds, "executionIds");
        this.pageSize = DuePage.requireLimit(pageSize);
    }

    public DispatchDueAgents(DueIndex index, HeartbeatQueue queue, Supplier<String> executionIds) {
        this(index, queue, executionIds, DEFAULT_PAGE_SIZE);
    }

    /**
     * One tick. Every shard is read even when another fails.
     *
     * @throws DispatchException after the tick, when a shard could not be read or its wake-ups
     *     not sent; what was enqueued before the failure stays enqueued and advanced, the rest stays due
     */
    public DispatchResult run(Instant now) {
        Objects.requireNonNull(now, "now");
        Tick tick = new Tick(now, WakeUp.requireExecutionId(executionIds.get()));
        int shards = index.shards();
        Map<Integer, Throwable> failed = new TreeMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> reads = new ArrayList<>();
            for (int shard = 0; shard < shards; shard++) {
                int s = shard;
                reads.add(threads.submit(() -> tick.read(s)));
            }
            for (int shard = 0; shard < shards; shard++) {
                try {
                    reads.get(shard).get();
                } catch (ExecutionException e) {
                    failed.put(shard, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DispatchException("dispatch tick at " + now + " interrupted", e);
                }
            }
        }
        List<String> where = new ArrayList<>();
        List<Throwable> causes = new ArrayList<>(failed.values());
        if (!failed.isEmpty()) {
            where.add((failed.size() == 1 ? "shard " : "shards ") + failed.keySet().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " of " + shards);
        }
        try {
            tick.sendRest();
        } catch (RuntimeException e) {
            where.add("the last, combined batch");
            causes.add(e);
        }
        DispatchResult result = tick.result(shards);
        if (!causes.isEmpty()) {
            Throwable first = causes.get(0);
            DispatchException e = new DispatchException("dispatch tick at " + now + ": " + String.join(" and ", where)
                    + " failed (" + first.getMessage() + "); " + result.enqueued() + " of " + result.found()
                    + " due agents were enqueued, the rest stay due for the next tick", first);
            causes.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return result;
    }

    /** The state of one run, shared by its shard threads. */
    private final class Tick {

        private final Instant now;
        private final String executionId;
        private final List<DueAgent> waiting = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final AtomicInteger pages = new AtomicInteger();
        private final AtomicInteger found = new AtomicInteger();
        private final AtomicInteger enqueued = new AtomicInteger();
        private final AtomicInteger rejected = new AtomicInteger();
        private final AtomicInteger raced = new AtomicInteger();

        Tick(Instant now, String executionId) {
            this.now = now;
            this.executionId = executionId;
        }

        void read(int shard) {
            String token = null;
            do {
                DuePage page = index.due(shard, now, pageSize, token);
                pages.incrementAndGet();
                found.addAndGet(page.agents().size());
                for (List<DueAgent> batch : fullBatches(page.agents())) {
                    send(batch);
                }
                token = page.nextToken();
            } while (token != null);
        }

        /** Pools the page with what other shards left over and takes out every full batch. */
        private synchronized List<List<DueAgent>> fullBatches(List<DueAgent> agents) {
            waiting.addAll(agents);
            List<List<DueAgent>> full = new ArrayList<>();
            while (waiting.size() >= HeartbeatQueue.MAX_BATCH) {
                List<DueAgent> batch = waiting.subList(0, HeartbeatQueue.MAX_BATCH);
                full.add(List.copyOf(batch));
                batch.clear();
            }
            return full;
        }

        void sendRest() {
            List<DueAgent> rest;
            synchronized (this) {
                rest = List.copyOf(waiting);
                waiting.clear();
            }
            if (!rest.isEmpty()) {
                send(rest);
            }
        }

        private void send(List<DueAgent> batch) {
            List<WakeUp> wakeUps = batch.stream().map(d -> new WakeUp(d.agent(), d.nextWake(), executionId)).toList();
            Map<WakeUp, String> refused = queue.enqueue(wakeUps).stream()
                    .collect(Collectors.toMap(HeartbeatQueue.Rejected::wakeUp, HeartbeatQueue.Rejected::reason, (a, b) -> a));
            for (int i = 0; i < batch.size(); i++) {
                DueAgent due = batch.get(i);
                String reason = refused.get(wakeUps.get(i));
                if (reason != null) {
                    // Not advanced: still due, so the next tick sends it again.
                    rejected.incrementAndGet();
                    note(due.agent() + " at " + due.nextWake() + ": " + reason);
                    continue;
                }
                enqueued.incrementAndGet();
                // Enqueue, then advance, never the reverse: advancing first would lose the wake-up
                // if the tick died in between. Dying here instead leaves the agent due, and the next
                // tick sends the same wake-up again under the same deduplication id: SQS drops it
                // within five minutes, and later the heartbeat's journal makes a repeat a no-op.
                if (!index.advance(due, due.nextAfter(now))) {
                    raced.incrementAndGet();
                }
            }
        }

        private synchronized void note(String failure) {
            if (failures.size() < DispatchResult.MAX_FAILURES_KEPT) {
                failures.add(failure);
            }
        }

        synchronized DispatchResult result(int shards) {
            return new DispatchResult(found.get(), enqueued.get(), rejected.get(), raced.get(), pages.get(), shards,
                    failures);
        }
    }
}
