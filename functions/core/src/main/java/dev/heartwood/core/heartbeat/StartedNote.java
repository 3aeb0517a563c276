package dev.heartwood.core.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.heartbeat.task.TaskRun;
import java.io.IOException;

/** The note of a STARTED journal entry: the task's kind and argument, so a resume can run it again as decided. */
final class StartedNote {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StartedNote() {
    }

    static String encode(TaskRun run) {
        return JSON.createObjectNode().put("kind", run.kind()).put("argument", run.argument()).toString();
    }

    static TaskRun decode(JournalEntry entry) {
        try {
            JsonNode node = JSON.readTree(entry.note());
            return new TaskRun(entry.agent(), entry.task(), node.path("kind").asText("unknown"),
                    node.path("argument").asText(""), entry.slot(), entry.messageId());
        } catch (IOException e) {
            return new TaskRun(entry.agent(), entry.task(), "unknown", "", entry.slot(), entry.messageId());
        }
    }
}
