package dev.heartwood.core.heartbeat.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What one heartbeat should do about HEARTBEAT.md. Handle it with an exhaustive {@code switch}. */
public sealed interface Decision permits Decision.Run, Decision.SkipOnly {

    PlannedTask task();

    /** Slots catch-up decided never to run, oldest first: the caller logs every one. */
    List<DueSlot> skipped();

    /** Run {@code task} for {@code slot}, and record {@code slot} as its {@code last:} run. */
    record Run(PlannedTask task, Instant slot, List<DueSlot> skipped) implements Decision {
        public Run {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(slot, "slot");
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Nothing runs (catch-up {@code skip}, or every missed slot was stale or outside active hours).
     * The caller still records the newest skipped slot as {@code last: … skipped}, otherwise the
     * same slots would come back as missed on every heartbeat and the next regular slot never runs.
     */
    record SkipOnly(PlannedTask task, List<DueSlot> skipped) implements Decision {
        public SkipOnly {
            Objects.requireNonNull(task, "task");
            skipped = List.copyOf(skipped);
            if (skipped.isEmpty()) {
                throw new IllegalArgumentException("a skip-only decision skips at least one slot");
            }
        }

        public Instant newest() {
            return skipped.get(skipped.size() - 1).slot();
        }
    }
}
