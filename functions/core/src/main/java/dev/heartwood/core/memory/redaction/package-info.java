/** Redaction: what stands between any text and the agent's memory or chat, replacing secrets with typed placeholders. */
package dev.heartwood.core.memory.redaction;
