package dev.heartwood.core.proof;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One line per scenario with what was measured, and for every failure the seed and the command
 * that runs it again.
 */
public record ProofReport(List<Line> lines, List<String> failures, Duration took) {

    /** One scenario: passed or not, with its figures. */
    public record Line(String scenario, boolean passed, String figures) {

        public Line {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(figures, "figures");
        }

        @Override
        public String toString() {
            return (passed ? "✅ " : "❌ ") + scenario + " — " + figures;
        }
    }

    public ProofReport {
        lines = List.copyOf(lines);
        failures = List.copyOf(failures);
        Objects.requireNonNull(took, "took");
    }

    /** Every scenario ran and passed. */
    public boolean passed() {
        return !lines.isEmpty() && lines.stream().allMatch(Line::passed);
    }
}
