package dev.heartwood.core.heartbeat.plan;

import dev.heartwood.core.heartbeat.plan.DueSlot.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Which slots of one task fall after its last run, and what catch-up makes of them. A single due
 * slot is simply on time; two or more mean heartbeats were missed, and the policy decides.
 */
final class DueSlots {

    /** A one-minute cadence after a year away would list half a million slots; nobody reads past this many. */
    static final int MAX_LISTED = 2_000;

    /** Slot of a next action never run: fixed, so its message id is the same on every attempt. */
    static final Instant FIRST_ATTEMPT = Instant.EPOCH;

    private DueSlots() {
    }

    static List<DueSlot> due(PlannedTask task, Instant lastRun, Instant now) {
        if (task.cadence() instanceof Cadence.Once) {
            return nextAction(task, lastRun);
        }
        if (task.activeHours() != null && !task.activeHours().contains(now)) {
            return List.of();
        }
        Deque<Instant> slots = slots(task.cadence(), lastRun, now);
        List<DueSlot> due = new ArrayList<>(slots.size());
        if (slots.size() == 1) {
            Instant slot = slots.getFirst();
            String why = ineligible(task, slot, now);
            due.add(why == null ? new DueSlot(slot, Action.RUN, "") : new DueSlot(slot, Action.SKIP, why));
            return due;
        }
        CatchUp.Policy policy = task.catchUp().policy();
        Instant chosen = switch (policy) {
            case ONCE -> slots.reversed().stream().filter(s -> ineligible(task, s, now) == null).findFirst().orElse(null);
            case ALL -> slots.stream().filter(s -> ineligible(task, s, now) == null).findFirst().orElse(null);
            case SKIP -> null;
        };
        for (Instant slot : slots) {
            String why = ineligible(task, slot, now);
            if (slot.equals(chosen)) {
                due.add(new DueSlot(slot, Action.RUN, ""));
            } else if (why != null) {
                due.add(new DueSlot(slot, Action.SKIP, why));
            } else if (policy == CatchUp.Policy.ALL) {
                due.add(new DueSlot(slot, Action.LATER, "catch-up all"));
            } else {
                due.add(new DueSlot(slot, Action.SKIP, "catch-up " + policy.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return due;
    }

    /**
     * A next action runs while unticked. Each attempt's slot is the previous attempt's, so a retry after a
     * failure gets a new message id while a crash-and-resume keeps the old one. A failed attempt stops
     * it: a person reads the note and removes the {@code last:} line to try again.
     */
    private static List<DueSlot> nextAction(PlannedTask task, Instant lastRun) {
        if (task.ticked() || "failed".equalsIgnoreCase(task.lastOutcome())) {
            return List.of();
        }
        return List.of(new DueSlot(lastRun == null ? FIRST_ATTEMPT : lastRun, Action.RUN, ""));
    }

    /** Never run: only the most recent slot counts, so a new task does not replay its history. */
    private static Deque<Instant> slots(Cadence cadence, Instant lastRun, Instant now) {
        Deque<Instant> slots = new ArrayDeque<>();
        if (lastRun == null) {
            Instant latest = cadence.atOrBefore(now);
            if (latest != null) {
                slots.add(latest);
            }
            return slots;
        }
        for (Instant s = cadence.after(lastRun); s != null && !s.isAfter(now); s = cadence.after(s)) {
            slots.addLast(s);
            if (slots.size() > MAX_LISTED) {
                slots.removeFirst();
            }
        }
        return slots;
    }

    /** Why a slot may not run now, or null if it may. */
    private static String ineligible(PlannedTask task, Instant slot, Instant now) {
        if (task.activeHours() != null && !task.activeHours().contains(slot)) {
            return "outside active hours";
        }
        Duration max = task.catchUp().maxLateness();
        if (max != null) {
            return Duration.between(slot, now).compareTo(max) > 0 ? "older than max lateness " + text(max) : null;
        }
        // Default lateness is one period: a slot is stale once the slot after it has come.
        Instant following = task.cadence().after(slot);
        return following != null && !following.isAfter(now) ? "older than one period" : null;
    }

    static String text(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        return d.equals(Duration.ofHours(d.toHours())) ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
