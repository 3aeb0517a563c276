package dev.heartwood.core.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Crash at every step, in process: for each seed a fault-free reference run counts how often the
 * heartbeats pass each boundary; then, for each boundary and each side of it, a twin run of the
 * same workload throws at one of those passes (which one, the seed decides) and carries on with
 * the next heartbeats. Each twin must deliver nothing twice, keep every acknowledged write, leave
 * nothing in progress, and end equal to the reference.
 */
final class CrashAtEveryStep {

    private final Rehearsal rehearsal;
    private final Consumer<String> progress;

    CrashAtEveryStep(Rehearsal rehearsal, Consumer<String> progress) {
        this.rehearsal = rehearsal;
        this.progress = progress;
    }

    ProofReport.Line run(List<Long> seeds, List<Boundary> boundaries, List<String> failures) {
        int faults = 0;
        int fired = 0;
        int duplicates = 0;
        int lost = 0;
        int acknowledged = 0;
        int stuck = 0;
        int equal = 0;
        int references = 0;
        for (long seed : seeds) {
            Workload workload = Workload.generate(seed);
            Rehearsal.Result reference = rehearsal.run(workload, Optional.empty());
            references++;
            if (reference.duplicates() + reference.lost().size() + reference.stuck() + reference.threw() > 0) {
                failures.add("seed " + seed + ", no fault: " + problems(reference, List.of()) + " — reproduce: "
                        + reproduce(seed, boundaries.get(0)));
            }
            for (Boundary boundary : boundaries) {
                int hits = reference.tripwire().hits(boundary);
                for (Fault.Phase phase : Fault.Phase.values()) {
                    faults++;
                    if (hits == 0) {
                        failures.add("seed " + seed + ": the workload never reaches " + boundary + " — reproduce: "
                                + reproduce(seed, boundary));
                        continue;
                    }
                    Fault fault = new Fault(boundary, 1 + new SplittableRandom(seed * 31 + boundary.ordinal() * 2L
                            + phase.ordinal()).nextInt(hits), phase);
                    Rehearsal.Result twin = rehearsal.run(workload, Optional.of(fault));
                    fired += twin.tripwire().fired() ? 1 : 0;
                    duplicates += twin.duplicates();
                    lost += twin.lost().size();
                    acknowledged += twin.acknowledged();
                    stuck += twin.stuck();
                    List<String> differences = reference.state().differences(twin.state());
                    equal += differences.isEmpty() ? 1 : 0;
                    if (twin.duplicates() + twin.lost().size() + twin.stuck() > 0 || !differences.isEmpty()
                            || !twin.tripwire().fired()) {
                        failures.add("seed " + seed + ", fault " + fault + ": " + problems(twin, differences)
                                + " — reproduce: " + reproduce(seed, boundary));
                    }
                }
            }
            progress.accept("   crash at every step: seed " + seed + " done (" + faults + " faults so far)");
        }
        boolean passed = duplicates == 0 && lost == 0 && stuck == 0 && equal == faults && fired == faults
                && failures.isEmpty();
        return new ProofReport.Line("crash at every step (thrown fault)", passed, boundaries.size() + " boundaries × 2 sides × "
                + seeds.size() + " seeds = " + faults + " faults (" + fired + " fired, " + references
                + " fault-free references): duplicate deliveries " + duplicates + ", lost acknowledged writes " + lost
                + " of " + acknowledged + ", stuck in progress " + stuck + ", final state equal " + equal + "/" + faults);
    }

    private static String problems(Rehearsal.Result run, List<String> differences) {
        List<String> problems = new ArrayList<>();
        if (run.duplicates() > 0) {
            problems.add(run.duplicates() + " duplicate(s)");
        }
        run.lost().forEach(l -> problems.add("lost: " + l));
        if (run.stuck() > 0) {
            problems.add(run.stuck() + " stuck");
        }
        if (!run.tripwire().fired() && run.tripwire().fault().isPresent()) {
            problems.add("the fault was never reached");
        }
        differences.forEach(d -> problems.add("differs: " + d));
        return problems.isEmpty() ? "threw " + run.threw() + " time(s) without a fault" : String.join("; ", problems);
    }

    static String reproduce(long seed, Boundary boundary) {
        return "heartwood proof --seed " + seed + " --boundary " + boundary.label();
    }
}
