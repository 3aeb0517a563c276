/** HEARTBEAT.md as a plan: its documented format, the parser, due slots with catch-up, and write-back into the user's text. */
package dev.heartwood.core.heartbeat.plan;
