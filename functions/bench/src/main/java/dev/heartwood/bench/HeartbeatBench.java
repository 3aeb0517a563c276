package dev.heartwood.bench;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Warm heartbeats, each recorded call by call: the real {@code RunHeartbeat} (a due task, and
 * nothing due) beside {@link NaiveHeartbeat}, in one JVM against the same stores. Before each
 * measured heartbeat the bench clock moves half an hour on, so the task is due again.
 */
final class HeartbeatBench {

    /**
     * @param outcome the last heartbeat's outcome, to show that each did what it should
     * @param wallNanos each heartbeat's wall time
     * @param inProcessNanos each heartbeat's wall time minus the time an AWS call was in flight
     */
    record Result(String name, List<Recording> recordings, List<Long> wallNanos, List<Long> inProcessNanos,
            String outcome) {

        int maxWaves() {
            return recordings.stream().mapToInt(Recording::waves).max().orElse(0);
        }

        /** The median heartbeat's waves: the structural count, unless scheduling on a busy machine split a wave. */
        int medianWaves() {
            int[] waves = recordings.stream().mapToInt(Recording::waves).sorted().toArray();
            return waves.length == 0 ? 0 : waves[(waves.length - 1) / 2];
        }

        /** Capacity units of the {@code type} calls in the first and in the last measured heartbeat. */
        double[] unitsFirstAndLast(String type) {
            return new double[] {recordings.get(0).capacityUnits(type), recordings.get(recordings.size() - 1).capacityUnits(type)};
        }

        int minWaves() {
            return recordings.stream().mapToInt(Recording::waves).min().orElse(0);
        }

        double requestsPerHeartbeat() {
            return recordings.stream().mapToInt(Recording::count).average().orElse(0);
        }

        Samples wall() {
            return Samples.of(wallNanos);
        }

        Samples inProcess() {
            return Samples.of(inProcessNanos);
        }

        /** The wave outline of a heartbeat with the most waves. */
        List<String> outline() {
            return recordings.stream().max(java.util.Comparator.comparingInt(Recording::waves)).map(Recording::waveOutline)
                    .orElse(List.of());
        }
    }

    private final BenchInstallation installation;
    private final RequestRecorder recorder;
    private final BenchClock clock;

    HeartbeatBench(BenchInstallation installation, RequestRecorder recorder, BenchClock clock) {
        this.installation = installation;
        this.recorder = recorder;
        this.clock = clock;
    }

    Result real(String name, String tasks, int warmUps, int measured) {
        var heartbeat = installation.runHeartbeat();
        return measure(name, installation.newAgent(tasks), heartbeat::run, warmUps, measured);
    }

    Result naive(String tasks, int warmUps, int measured) {
        var naive = new NaiveHeartbeat(installation.clients(), installation.names().prefix(), installation.stores(),
                installation.relay(), dev.heartwood.local.LoopbackRelay.DEFAULT_BASE, clock);
        return measure("naive, due task", installation.newAgent(tasks), naive::run, warmUps, measured);
    }

    private Result measure(String name, AgentId agent, Function<AgentId, HeartbeatOutcome> heartbeat, int warmUps,
            int measured) {
        List<Recording> recordings = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        HeartbeatOutcome last = null;
        for (int i = 0; i < warmUps + measured; i++) {
            clock.advance(Duration.ofMinutes(30));
            recorder.clear();
            long start = System.nanoTime();
            last = heartbeat.apply(agent);
            long took = System.nanoTime() - start;
            Recording recording = recorder.take();
            if (last instanceof HeartbeatOutcome.Failed failed) {
                throw new IllegalStateException(name + ": heartbeat failed: " + failed.reason());
            }
            if (i >= warmUps) {
                recordings.add(recording);
                wall.add(took);
                inProcess.add(took - recording.busyNanos());
            }
        }
        return new Result(name, recordings, wall, inProcess, describe(last));
    }

    static String describe(HeartbeatOutcome outcome) {
        return switch (outcome) {
            case HeartbeatOutcome.Done done -> "done " + done.task();
            case HeartbeatOutcome.Resumed resumed -> "resumed " + resumed.task();
            case HeartbeatOutcome.Skipped skipped -> "skipped " + skipped.task();
            case HeartbeatOutcome.NothingDue nothing -> "nothing due";
            case HeartbeatOutcome.Busy busy -> "busy";
            case HeartbeatOutcome.Failed failed -> "failed";
            case null -> "none";
        };
    }
}
