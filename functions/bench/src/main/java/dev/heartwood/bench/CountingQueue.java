package dev.heartwood.bench;

import dev.heartwood.core.dispatch.HeartbeatQueue;
import dev.heartwood.core.dispatch.WakeUp;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A heartbeat queue that keeps only counts: one SendMessageBatch per call, and how many wake-ups
 * each simulated agent ({@code fleet-<n>}) received, so the run can show every agent was woken
 * exactly once per cadence.
 */
final class CountingQueue implements HeartbeatQueue {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicIntegerArray received;

    CountingQueue(int agents) {
        this.received = new AtomicIntegerArray(agents);
    }

    @Override
    public List<Rejected> enqueue(List<WakeUp> wakeUps) {
        if (wakeUps.size() > MAX_BATCH) {
            throw new IllegalArgumentException("wakeUps: at most " + MAX_BATCH + " per request, got " + wakeUps.size());
        }
        requests.incrementAndGet();
        for (WakeUp wakeUp : wakeUps) {
            received.incrementAndGet(FleetBench.indexOf(wakeUp.agent()));
        }
        return List.of();
    }

    long requests() {
        return requests.get();
    }

    /** How many agents received exactly {@code times} wake-ups. */
    int agentsWoken(int times) {
        int count = 0;
        for (int i = 0; i < received.length(); i++) {
            if (received.get(i) == times) {
                count++;
            }
        }
        return count;
    }
}
