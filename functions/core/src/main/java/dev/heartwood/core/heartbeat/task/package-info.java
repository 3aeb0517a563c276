/** Task executors: one class per kind of heartbeat task (relay.post, http.check, memory.compact, ...). */
package dev.heartwood.core.heartbeat.task;
