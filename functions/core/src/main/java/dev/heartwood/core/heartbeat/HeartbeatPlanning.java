package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes HEARTBEAT.md: which task is due, and the record of a run written back into the user's text. */
public interface HeartbeatPlanning {

    /**
     * @throws IllegalArgumentException naming the line and what was expected, if HEARTBEAT.md cannot be understood
     */
    Optional<Due> next(AgentId agent, String heartbeat, Instant now);

    /** The file with the task's last run recorded (and a next action ticked), every other byte unchanged. */
    String recordRun(String heartbeat, TaskId task, Instant at, String outcome, String note);
}
