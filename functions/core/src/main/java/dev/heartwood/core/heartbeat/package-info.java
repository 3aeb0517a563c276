/** Heartbeat: what wakes the agent, how it chooses one due task, and how it acts without ever acting twice. */
package dev.heartwood.core.heartbeat;
