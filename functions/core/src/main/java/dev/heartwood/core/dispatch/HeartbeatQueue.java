package dev.heartwood.core.dispatch;

import java.util.List;

/**
 * Where wake-ups wait for a worker: in AWS the FIFO heartbeat queue, one message group per agent
 * so an agent's wake-ups stay in order while different agents run in parallel.
 */
public interface HeartbeatQueue {

    /** The most wake-ups one {@link #enqueue} call takes (SQS SendMessageBatch's limit). */
    int MAX_BATCH = 10;

    /** A wake-up the queue did not take, with the queue's reason (a code and message, no body). */
    record Rejected(WakeUp wakeUp, String reason) {
    }

    /**
     * Enqueues up to {@value #MAX_BATCH} wake-ups in one request. A wake-up whose
     * {@link WakeUp#deduplicationId()} the queue has seen in the last five minutes is accepted and
     * dropped, as SQS does.
     *
     * @return the wake-ups not taken; the others are enqueued even when some are rejected
     * @throws IllegalArgumentException when given more than {@value #MAX_BATCH}; nothing is sent
     * @throws DispatchException when the request as a whole fails; none can be assumed enqueued
     */
    List<Rejected> enqueue(List<WakeUp> wakeUps);
}
