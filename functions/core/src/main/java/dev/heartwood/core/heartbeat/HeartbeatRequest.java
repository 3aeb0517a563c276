package dev.heartwood.core.heartbeat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge Scheduler target input for one agent's heartbeat, validated field by field; also
 * the body of a heartbeat queue message, which carries the same JSON.
 */
public record HeartbeatRequest(AgentId agent, Instant scheduledTime) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a queue message body.
     *
     * @throws IllegalArgumentException if it is not JSON (the body itself is never quoted), or as {@link #from}
     */
    public static HeartbeatRequest parse(String body) {
        Map<String, Object> input;
        try {
            input = JSON.readValue(String.valueOf(body), new TypeReference<>() { });
        } catch (IOException notJson) {
            throw new IllegalArgumentException("body is not JSON");
        }
        return from(input);
    }

    /** @throws IllegalArgumentException naming every field that is missing or malformed */
    public static HeartbeatRequest from(Map<String, Object> input) {
        List<String> problems = new ArrayList<>();
        AgentId agent = null;
        Instant scheduled = null;
        Object agentId = input == null ? null : input.get("agentId");
        Object time = input == null ? null : input.get("scheduledTime");
        if (!(agentId instanceof String text)) {
            problems.add(describe("agentId", agentId, "a string agent id such as \"agent-7f3a\""));
        } else {
            try {
                agent = AgentId.of(text);
            } catch (IllegalArgumentException invalid) {
                problems.add("agentId: " + invalid.getMessage());
            }
        }
        if (!(time instanceof String text)) {
            problems.add(describe("scheduledTime", time, "an ISO-8601 instant such as \"2026-11-22T09:15:00Z\""));
        } else {
            try {
                scheduled = Instant.parse(text);
            } catch (DateTimeParseException invalid) {
                problems.add("scheduledTime: '" + text + "' is not an ISO-8601 instant");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new HeartbeatRequest(agent, scheduled);
    }

    private static String describe(String field, Object value, String expected) {
        return field + ": " + (value == null ? "missing" : "was " + value.getClass().getSimpleName()) + ", expected "
                + expected;
    }
}
