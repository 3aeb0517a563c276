package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link HeartbeatQueue} in a list, for core tests. It deduplicates like a FIFO queue whose
 * five-minute window never closes, and can be told to reject some agents or every request.
 */
public final class InMemoryHeartbeatQueue implements HeartbeatQueue {

    private final List<List<WakeUp>> requests = new ArrayList<>();
    private final List<WakeUp> delivered = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<AgentId> refused = new HashSet<>();
    private boolean unreachable;

    @Override
    public synchronized List<Rejected> enqueue(List<WakeUp> wakeUps) {
        if (wakeUps.size() > MAX_BATCH) {
            throw new IllegalArgumentException("wakeUps: at most " + MAX_BATCH + " per request, got " + wakeUps.size());
        }
        if (unreachable) {
            throw new DispatchException("heartbeat queue unreachable (test)");
        }
        requests.add(List.copyOf(wakeUps));
        List<Rejected> rejected = new ArrayList<>();
        for (WakeUp wakeUp : wakeUps) {
            if (refused.contains(wakeUp.agent())) {
                rejected.add(new Rejected(wakeUp, "InternalError: refused by the test"));
            } else if (seen.add(wakeUp.deduplicationId())) {
                delivered.add(wakeUp);
            }
        }
        return rejected;
    }

    public synchronized void refuse(AgentId agent) {
        refused.add(agent);
    }

    public synchronized void accept(AgentId agent) {
        refused.remove(agent);
    }

    public synchronized void unreachable(boolean down) {
        unreachable = down;
    }

    /** Every request the queue took, in order, as sent (duplicates included). */
    public synchronized List<List<WakeUp>> requests() {
        return List.copyOf(requests);
    }

    /** What a worker would receive: each deduplication id once. */
    public synchronized List<WakeUp> delivered() {
        return List.copyOf(delivered);
    }
}
