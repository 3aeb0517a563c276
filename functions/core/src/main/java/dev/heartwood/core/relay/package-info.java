/** Relay: where an agent's signed messages go, where messages addressed to it wait, and where its identity is registered and its key rotations proven. */
package dev.heartwood.core.relay;
