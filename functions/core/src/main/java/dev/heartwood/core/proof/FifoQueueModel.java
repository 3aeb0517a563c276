package dev.heartwood.core.proof;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An SQS FIFO queue with a redrive policy, as far as one consumer's batches can tell: messages are
 * received oldest first (so each group in order), a batch is finished before the next is received,
 * every receive counts, and a message received {@code maxReceiveCount} times that comes back once
 * more moves to the dead-letter queue at the next receive. Visibility timeouts pass at once.
 */
final class FifoQueueModel {

    record Message(String id, String group, String body, boolean poison) {
    }

    private static final class Queued {
        final Message message;
        int receives;

        Queued(Message message) {
            this.message = message;
        }
    }

    private final int maxReceiveCount;
    private final List<Queued> queue = new ArrayList<>();
    private final List<Message> deadLetters = new ArrayList<>();

    FifoQueueModel(int maxReceiveCount) {
        this.maxReceiveCount = maxReceiveCount;
    }

    void send(Message message) {
        queue.add(new Queued(message));
    }

    /** Up to {@code max} messages, oldest first; the redrive runs first. */
    List<Message> receive(int max) {
        queue.removeIf(q -> {
            if (q.receives >= maxReceiveCount) {
                deadLetters.add(q.message);
                return true;
            }
            return false;
        });
        List<Message> batch = new ArrayList<>();
        for (Queued q : queue) {
            if (batch.size() == max) {
                break;
            }
            q.receives++;
            batch.add(q.message);
        }
        return batch;
    }

    /** The batch is done: every message not reported failed is deleted; the failed ones are visible again. */
    void complete(List<Message> batch, List<String> failed) {
        Set<String> back = new HashSet<>(failed);
        Set<String> done = new HashSet<>();
        batch.stream().map(Message::id).filter(id -> !back.contains(id)).forEach(done::add);
        queue.removeIf(q -> done.contains(q.message.id()));
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    List<Message> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
