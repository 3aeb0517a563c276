/** `heartwood bench`: the heartbeat's AWS requests, waves, cost, scaling, cold start and fleet dispatch, measured side by side. */
package dev.heartwood.bench;
