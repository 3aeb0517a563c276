package dev.heartwood.core.dispatch;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.util.List;

/**
 * Per-agent schedules, the alternative to the fleet roster for a handful of agents: a heartbeat
 * every {@code every}, and (when backups are configured) an hourly hot and a weekly cold backup.
 * EventBridge Scheduler on AWS.
 */
public interface AgentSchedules {

    /** What {@link #ensure} did to one schedule. */
    record Ensured(String name, String expression, boolean created) {
    }

    /**
     * Creates the agent's schedules, or updates them to these settings; running it again changes nothing else.
     *
     * @throws IllegalArgumentException if {@code every} is under a minute or not whole minutes
     */
    List<Ensured> ensure(AgentId agent, Duration every);

    /** Deletes the agent's schedules; returns the names that existed. */
    List<String> remove(AgentId agent);
}
