package dev.heartwood.lambda;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import java.util.Map;

/** The heartbeat handler's answer, as JSON-ready maps: one per outcome, plus the rejection of bad input. */
final class HeartbeatReply {

    private HeartbeatReply() {
    }

    static Map<String, Object> of(HeartbeatOutcome outcome) {
        return switch (outcome) {
            case HeartbeatOutcome.Done done -> Map.of("outcome", "done", "task", done.task().toString(),
                    "slot", done.slot().toString(), "note", done.note());
            case HeartbeatOutcome.Resumed resumed -> Map.of("outcome", "resumed", "task", resumed.task().toString(),
                    "slot", resumed.slot().toString(), "note", resumed.note());
            case HeartbeatOutcome.Skipped skipped -> Map.of("outcome", "skipped", "task", skipped.task().toString(),
                    "slot", skipped.slot().toString(), "reason", skipped.reason());
            case HeartbeatOutcome.Busy busy -> Map.of("outcome", "busy");
            case HeartbeatOutcome.NothingDue nothing -> Map.of("outcome", "nothing-due");
            case HeartbeatOutcome.Failed failed -> Map.of("outcome", "failed", "reason", failed.reason());
        };
    }

    static Map<String, Object> rejected(String reason) {
        return Map.of("status", "rejected", "reason", reason);
    }
}
