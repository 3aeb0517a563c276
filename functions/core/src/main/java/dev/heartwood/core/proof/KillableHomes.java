package dev.heartwood.core.proof;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Installations whose heartbeats run in processes of their own (the shipped program), which a
 * fault hook halts at a boundary: the proof's killed-process mode. Implemented by the CLI.
 */
public interface KillableHomes {

    /** The exit status of a process the hook halted. */
    int HALTED = 86;

    /** A fresh, empty installation. */
    Home open();

    /** What one child process did. */
    record ChildRun(int exitCode, String out, String err) {

        public boolean halted() {
            return exitCode == HALTED;
        }
    }

    /** One installation: its stores as this process sees them, and heartbeats in child processes. */
    interface Home extends AutoCloseable {

        /** The installation's stores, on the real clock (the children's), with its own key vault. */
        AgentStores stores();

        Relay relay();

        URI relayBase();

        /** The bodies the relay delivered for the agent, in order. */
        List<String> deliveredBodies(AgentId agent);

        /** One {@code heartwood heartbeat AGENT} in a new process. */
        ChildRun heartbeat(AgentId agent);

        /** One {@code heartwood heartbeat AGENT} in a new process that the hook halts at {@code haltAt}. */
        ChildRun heartbeat(AgentId agent, Fault haltAt);

        /** How long a child's lease lasts: a halted child's lease is free again after it. */
        Duration leaseTtl();

        /** Removes the installation. */
        @Override
        void close();
    }
}
