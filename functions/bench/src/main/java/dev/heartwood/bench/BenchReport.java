package dev.heartwood.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a run's figures as markdown tables, each ratio beside the two figures it divides. */
final class BenchReport {

    private final PrintWriter out;
    private final BenchOptions options;

    BenchReport(PrintWriter out, BenchOptions options) {
        this.out = out;
        this.options = options;
    }

    void print(Bench.Figures f) {
        waves(f);
        cost(f);
        scaling(f);
        coldStart(f);
        overhead(f);
        fleet(f);
    }

    private void waves(Bench.Figures f) {
        out.println("## Sequential request waves per warm heartbeat");
        out.println();
        out.printf(Locale.ROOT, "%d warm heartbeats each, after %d unmeasured.%n%n", options.heartbeats(), options.warmUps());
        out.println("| heartbeat | outcome | waves, median (min–max) | AWS requests | wall p50 ms | wall p99 ms |");
        out.println("|---|---|---|---|---|---|");
        for (var r : List.of(f.realDue(), f.realIdle(), f.naive())) {
            out.printf(Locale.ROOT, "| %s | %s | %d (%d–%d) | %.1f | %.1f | %.1f |%n", r.name(), r.outcome(), r.medianWaves(), r.minWaves(),
                    r.maxWaves(), r.requestsPerHeartbeat(), r.wall().medianMillis(), r.wall().percentileMillis(99));
        }
        out.println();
        out.printf(Locale.ROOT, "naive ÷ real (due task): waves %.1f×, requests %.1f×, wall p50 %.2f×%n%n",
                f.naive().medianWaves() / (double) f.realDue().medianWaves(),
                f.naive().requestsPerHeartbeat() / f.realDue().requestsPerHeartbeat(),
                f.naive().wall().medianMillis() / f.realDue().wall().medianMillis());
        double[] journalReads = f.realDue().unitsFirstAndLast("DynamoDb.Query");
        out.printf(Locale.ROOT, "The open-journal Query of the real heartbeat read %.1f RRU at the first measured heartbeat and %.1f RRU "
                + "at the last (%d journal entries later): it reads every entry of the agent, finished or not.%n%n", journalReads[0],
                journalReads[1], f.realDue().recordings().size() - 1);
        for (var r : List.of(f.realDue(), f.realIdle(), f.naive())) {
            out.println("Waves of " + r.name() + " (its heartbeat with the most):");
            List<String> outline = r.outline();
            for (int i = 0; i < outline.size(); i++) {
                out.println((i + 1) + ". " + outline.get(i));
            }
            out.println();
        }
    }

    private void cost(Bench.Figures f) {
        out.println("## Requests by type and cost per 1M heartbeats (us-east-1 list prices, " + PriceTable.AS_OF + ")");
        out.println();
        out.printf(Locale.ROOT, "Lambda at %d MB on Arm, billed for the measured wall p50 of each heartbeat on the emulators.%n%n",
                options.lambdaMemoryMb());
        print("real, due task", f.realDueCost());
        print("real, nothing due", f.realIdleCost());
        print("naive, due task", f.naiveCost());
        out.printf(Locale.ROOT, "naive ÷ real (due task): %.2f×%n%n", f.naiveDollars() / f.realDueDollars());
    }

    private void print(String name, List<PriceTable.Line> lines) {
        out.println("| " + name + " | per heartbeat | $ per 1M heartbeats |");
        out.println("|---|---|---|");
        for (var line : lines) {
            out.printf(Locale.ROOT, "| %s | %.4g %s | %.4f |%n", line.item(), line.perHeartbeat(), line.unit(), line.dollarsPerMillion());
        }
        out.printf(Locale.ROOT, "| **total** | | **%.2f** |%n%n", PriceTable.total(lines));
    }

    private void scaling(Bench.Figures f) {
        var small = f.scaling().get(0);
        var large = f.scaling().get(1);
        out.println("## Scaling: context rebuild (BuildContext) for a young and an old agent");
        out.println();
        out.printf(Locale.ROOT, "%d rebuilds each, alternating, after two unmeasured rounds.%n%n", options.rebuilds());
        out.println("| agent | chat rows | daily logs | AWS requests | waves | p50 ms | p99 ms |");
        out.println("|---|---|---|---|---|---|---|");
        for (var c : f.scaling()) {
            out.printf(Locale.ROOT, "| %s | %,d | %,d | %d | %d | %.1f | %.1f |%n", c.name(), c.chatRows(), c.dailyLogs(), c.requests(),
                    c.waves(), c.time().medianMillis(), c.time().percentileMillis(99));
        }
        out.printf(Locale.ROOT, "%nlarge ÷ small: time p50 %.2f×, requests %.2f×%n%n",
                large.time().medianMillis() / small.time().medianMillis(), large.requests() / (double) small.requests());
    }

    private void coldStart(Bench.Figures f) {
        out.println("## Cold start: Heartwood's heartbeat vs a plain-Java handler making the same AWS calls");
        out.println();
        out.printf(Locale.ROOT, "%d fresh JVM(s) per cell, alternating; medians.%n%n", options.coldRuns());
        out.println("| set-up | Heartwood ms | plain baseline ms | ratio |");
        out.println("|---|---|---|---|");
        for (var row : f.coldStart().rows()) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.2f× |%n", row.setup(), row.real().medianMillis(), row.plain().medianMillis(),
                    row.ratio());
        }
        out.println();
        f.coldStart().notes().forEach(note -> out.println("- " + note));
        out.println("The baseline makes the same AWS calls as the real heartbeat: " + (f.baselineMakesTheSameCalls() ? "yes" : "NO")
                + " — real " + f.coldReal().byType() + ", plain " + f.coldPlain().byType());
        out.println();
    }

    private void overhead(Bench.Figures f) {
        out.println("## In-process time of a warm heartbeat (wall time minus the time an AWS call was in flight)");
        out.println();
        out.println("| heartbeat | wall p50 ms | wall p99 ms | in-process p50 ms | in-process p99 ms |");
        out.println("|---|---|---|---|---|");
        for (var r : List.of(f.realDue(), f.realIdle(), f.naive())) {
            out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f |%n", r.name(), r.wall().medianMillis(), r.wall().percentileMillis(99),
                    r.inProcess().medianMillis(), r.inProcess().percentileMillis(99));
        }
        out.println();
    }

    private void fleet(Bench.Figures f) {
        var s = f.fleet();
        out.println("## Fleet: the dispatch path for a whole 15-minute cadence");
        out.println();
        out.println("| figure | value |");
        out.println("|---|---|");
        out.printf(Locale.ROOT, "| agents, shards, ticks (one a minute) | %,d, %d, %d |%n", s.agents(), s.shards(), s.ticks());
        out.printf(Locale.ROOT, "| wake-ups enqueued / agents woken exactly once | %,d / %,d |%n", s.dispatched(), s.wokenOnce());
        out.printf(Locale.ROOT, "| dispatch time for the cadence / slowest tick | %.2f s / %.2f s |%n", s.wallNanos() / 1e9,
                s.slowestTickNanos() / 1e9);
        out.printf(Locale.ROOT, "| throughput (simulated roster and queue, in memory) | %,.0f agents/s (needed: %,.0f/s) |%n",
                s.agentsPerSecond(), s.agents() / (double) FleetBench.CADENCE.toSeconds());
        out.printf(Locale.ROOT, "| requests per dispatched agent: Query pages, SendMessageBatch, UpdateItem | %.4f, %.4f, %.4f = %.3f |%n",
                s.queries() / (double) s.dispatched(), s.batches() / (double) s.dispatched(), s.updates() / (double) s.dispatched(),
                s.requestsPerAgent());
        out.printf(Locale.ROOT, "| heap: simulated roster / most in use above it during ticks | %,d MiB / %,d MiB |%n",
                s.rosterHeapBytes() >> 20, s.tickHeapBytes() >> 20);
        var e = f.fleetOnEmulators();
        out.println();
        out.printf(Locale.ROOT, "On the emulators (DynamoDbDueIndex + SqsHeartbeatQueue), %,d due agents, one tick: %,d enqueued in %.2f s "
                + "(%,.0f agents/s), %d waves.%n%n", e.agents(), e.result().enqueued(), e.wallNanos() / 1e9, e.agentsPerSecond(),
                e.recording().waves());
        out.println("| request | per dispatched agent |");
        out.println("|---|---|");
        for (Map.Entry<String, Long> type : e.recording().byType().entrySet()) {
            out.printf(Locale.ROOT, "| %s | %.4f |%n", type.getKey(), type.getValue() / (double) e.result().enqueued());
        }
        out.printf(Locale.ROOT, "| **all** | **%.4f** |%n%n", e.recording().count() / (double) e.result().enqueued());
        var lines = PriceTable.US_EAST_1.perMillionHeartbeats(List.of(e.recording()), 0, 0);
        double perAgent = lines.stream().filter(l -> !l.item().startsWith("Lambda") && !l.item().startsWith("Scheduler"))
                .mapToDouble(PriceTable.Line::dollarsPerMillion).sum() / e.result().enqueued();
        out.printf(Locale.ROOT, "Dispatch requests cost $%.3f per 1M dispatched agents (DynamoDB units as reported, SQS FIFO requests).%n%n",
                perAgent);
    }

    static String chart(Bench.Figures f) {
        var small = f.scaling().get(0);
        var large = f.scaling().get(1);
        String smallLabel = "young";
        String largeLabel = "old";
        List<Chart.Group> scaling = List.of(
                new Chart.Group("time p50", List.of(new Chart.Bar(smallLabel, small.time().medianMillis(), false),
                        new Chart.Bar(largeLabel, large.time().medianMillis(), true)), "ms"),
                new Chart.Group("AWS requests", List.of(new Chart.Bar(smallLabel, small.requests(), false),
                        new Chart.Bar(largeLabel, large.requests(), true)), "per rebuild"));
        List<Chart.Group> cold = new ArrayList<>();
        for (var row : f.coldStart().rows()) {
            String label = row.setup().startsWith("fresh") ? "fresh JVM" : row.setup().startsWith("SnapStart") ? "primed (SnapStart-style)"
                    : "AOT cache";
            cold.add(new Chart.Group(label, List.of(new Chart.Bar("Heartwood", row.real().medianMillis(), true),
                    new Chart.Bar("plain", row.plain().medianMillis(), false)), String.format(Locale.ROOT, "ratio %.2f×", row.ratio())));
        }
        return Chart.svg(String.format(Locale.ROOT, "heartwood bench: scaling (young: %,d chat rows, %,d daily log; old: %,d rows, %,d logs) and cold start",
                small.chatRows(), small.dailyLogs(), large.chatRows(), large.dailyLogs()), scaling, cold);
    }
}
