package dev.heartwood.core.heartbeat.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** {@code relay.post}: sends the task's text to the relay, signed, through the outbox. */
public final class RelayPostTask implements TaskExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String kind() {
        return "relay.post";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        if (run.argument().isBlank()) {
            throw new TaskFailedException("relay.post " + run.task() + " has no text to post");
        }
        return Optional.of(body(run, run.argument()));
    }

    @Override
    public String perform(TaskRun run) {
        return "posted " + run.messageId();
    }

    /** The relay message body: the message id makes every retry of this run the same message. */
    static String body(TaskRun run, String text) {
        return JSON.createObjectNode().put("messageId", run.messageId().value()).put("task", run.task().value())
                .put("slot", run.slot().toString()).put("text", text).toString();
    }
}
