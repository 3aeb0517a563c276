package dev.heartwood.core.heartbeat.plan;

import java.util.List;

/**
 * HEARTBEAT.md could not be understood. Lists every problem at once, each {@code "line N: …"}, so
 * a user fixes the file in one pass instead of one error per heartbeat.
 */
public class HeartbeatFormatException extends IllegalArgumentException {

    private final transient List<String> problems;

    public HeartbeatFormatException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
