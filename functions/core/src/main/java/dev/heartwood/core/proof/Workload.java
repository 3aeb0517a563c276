package dev.heartwood.core.proof;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What happens to one agent in one seeded run: its HEARTBEAT.md, then heartbeats every fifteen
 * minutes with the world going on between them (another agent's relay messages, the user's chat
 * rows, MEMORY.md edits and a next action added), then heartbeats at {@code drainAt} until nothing
 * is due. The same seed gives the same workload in any JVM.
 */
record Workload(long seed, String heartbeat, List<Step> steps, Instant drainAt) {

    static final Duration BEAT = Duration.ofMinutes(15);
    private static final Instant EPOCH = Instant.parse("2026-03-02T06:00:00Z");
    private static final String[] POST_CADENCES = {"every 15m", "every 30m", "hourly"};
    private static final String[] INBOX_CADENCES = {"every 15m", "every 30m"};

    sealed interface Step {
        Instant at();
    }

    record Beat(Instant at) implements Step {
    }

    record PeerSays(Instant at, String text) implements Step {
    }

    record UserSays(Instant at, String text, String delivery) implements Step {
    }

    record UserNotes(Instant at, String memory) implements Step {
    }

    record UserAsks(Instant at, String task, String text) implements Step {
    }

    Workload {
        steps = List.copyOf(steps);
    }

    static Workload generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = EPOCH.plus(BEAT.multipliedBy(random.nextInt(7 * 24 * 4)));
        StringBuilder md = new StringBuilder("# Heartbeat\n\nThe proof agent of seed ").append(seed).append(".\n\n## Periodic checks\n\n");
        // Every task has run before (a last: line), so catch-up runs each missed slot: a task that never
        // ran starts at its latest slot, and a delayed first run would start at a later one by design.
        String before = "  - last: " + start.minus(BEAT) + " done — before the proof\n";
        md.append("- **post-a** relay.post `note A of seed ").append(seed).append("` — ")
                .append(POST_CADENCES[random.nextInt(POST_CADENCES.length)]).append(", catch-up all (max 1d)\n")
                .append(before);
        md.append("- **inbox** relay.inbox — ").append(INBOX_CADENCES[random.nextInt(INBOX_CADENCES.length)])
                .append(", catch-up all (max 1d)\n").append(before);
        if (random.nextBoolean()) {
            md.append("- **post-b** relay.post `note B` — hourly, catch-up all (max 1d)\n").append(before);
        }
        if (random.nextBoolean()) {
            md.append("- **ask** model.prompt `one line about the garden` — every 2h, catch-up all (max 1d)\n")
                    .append(before);
        }
        md.append("\n## Next actions\n");
        int beats = 6 + random.nextInt(7);
        int asksAt = random.nextInt(beats);
        List<Step> steps = new ArrayList<>();
        int said = 0;
        for (int i = 0; i < beats; i++) {
            Instant at = start.plus(BEAT.multipliedBy(i));
            // The first beat always has a relay message waiting, so every run records a chat row.
            int peer = i == 0 ? 1 + random.nextInt(3) : random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            for (int m = 0; m < peer; m++) {
                steps.add(new PeerSays(at.minusSeconds(60 - m), "relay message " + (++said) + " of seed " + seed));
            }
            if (random.nextInt(4) == 0) {
                steps.add(new UserSays(at.minusSeconds(40), "user line " + i + " of seed " + seed, "web-" + seed + "-" + i));
            }
            if (random.nextInt(5) == 0) {
                steps.add(new UserNotes(at.minusSeconds(30), "# Memory\n\n- note written before beat " + i + "\n"));
            }
            if (i == asksAt) {
                steps.add(new UserAsks(at.minusSeconds(20), "tell-" + i, "a next action added before beat " + i));
            }
            steps.add(new Beat(at));
        }
        return new Workload(seed, md.toString(), steps, start.plus(BEAT.multipliedBy(beats)));
    }

    Instant start() {
        return steps.get(0).at().minusSeconds(60);
    }
}
