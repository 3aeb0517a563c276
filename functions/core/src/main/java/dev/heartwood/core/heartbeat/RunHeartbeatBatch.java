package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of heartbeat queue messages (the SQS FIFO heartbeat queue, one message group per agent):
 * one heartbeat per message, and the messages that must come back. A message whose body cannot be
 * read, whose agent is busy, or whose heartbeat failed on a store comes back, so after
 * {@code maxReceiveCount} receives a poison message lands in the dead-letter queue, never dropped.
 * Only the messages that failed come back. A heartbeat depends on no earlier message: it reads the
 * agent's state as it is now, and the lease keeps one heartbeat per agent at a time. Holding back
 * the messages after a failure, as the FIFO rule for ordered consumers does, gets good messages
 * dead-lettered with a poison one: they come back with it at every receive and reach
 * {@code maxReceiveCount} together. A message delivered again is harmless: the journal makes its
 * heartbeat a no-op.
 */
public final class RunHeartbeatBatch {

    private static final System.Logger LOG = System.getLogger("heartwood.heartbeat.batch");

    /** One queue message: its id, for the failure report, and its body. */
    public record Message(String id, String body) {
        public Message {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A heartbeat that ran, for the per-agent metric. */
    public record Ran(String id, AgentId agent, HeartbeatOutcome outcome) {
    }

    /** The ids to report as failed ({@code batchItemFailures}), and the heartbeats that ran. */
    public record Outcome(List<String> failed, List<Ran> ran) {
        public Outcome {
            failed = List.copyOf(failed);
            ran = List.copyOf(ran);
        }
    }

    private final RunHeartbeat heartbeat;

    /** @param heartbeat not checked here: a batch whose bodies are all refused never calls it */
    public RunHeartbeatBatch(RunHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Outcome run(List<Message> messages) {
        List<String> failed = new ArrayList<>();
        List<Ran> ran = new ArrayList<>();
        for (Message message : messages) {
            if (!process(message, ran)) {
                failed.add(message.id());
            }
        }
        return new Outcome(failed, ran);
    }

    /** Returns false when the message must come back: unreadable, the agent's lease held elsewhere, a store failing. */
    private boolean process(Message message, List<Ran> ran) {
        HeartbeatRequest request;
        try {
            request = HeartbeatRequest.parse(message.body());
        } catch (IllegalArgumentException unreadable) {
            // The reason names fields only; the body itself is never logged.
            LOG.log(System.Logger.Level.WARNING, "queue message {0} rejected: {1}", message.id(), unreadable.getMessage());
            return false;
        }
        try {
            HeartbeatOutcome outcome = heartbeat.run(request.agent());
            ran.add(new Ran(message.id(), request.agent(), outcome));
            return !(outcome instanceof HeartbeatOutcome.Busy);
        } catch (RuntimeException unavailable) {
            // A store or the relay failing for this message must not fail the messages already done.
            LOG.log(System.Logger.Level.WARNING, "queue message {0} will be retried: {1}", message.id(),
                    unavailable.getClass().getSimpleName() + ": " + unavailable.getMessage());
            return false;
        }
    }
}
