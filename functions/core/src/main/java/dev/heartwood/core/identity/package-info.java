/** Identity: the agent's Ed25519 key, where it is kept, how messages are signed, and how keys rotate and move. */
package dev.heartwood.core.identity;
