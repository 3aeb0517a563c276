/** Relay: where an agent's signed messages go, and where its identity is registered and its key rotations proven. */
package dev.heartwood.core.relay;
