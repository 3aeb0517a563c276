package dev.heartwood.core.recovery;

import java.util.List;

/** The drill's checks in order, each passed or not with what was measured. */
public record DrillReport(List<Check> checks) {

    /** One line of the report. */
    public record Check(String name, boolean passed, String detail) {

        @Override
        public String toString() {
            return (passed ? "✅ " : "❌ ") + name + (detail.isEmpty() ? "" : " — " + detail);
        }
    }

    public DrillReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
}
