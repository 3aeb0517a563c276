package dev.heartwood.core.runtime;

import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.redaction.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tunables every door shares, read from the same environment variables by the CLI and the
 * Lambda functions, so an agent behaves the same whichever door woke it.
 *
 * @param limits memory file limit and MEMORY.md budget
 * @param budget the context budget for model calls
 * @param leaseTtl how long a heartbeat may hold the agent's lease
 * @param modelMaxTokens the answer size asked of the model
 * @param secretCanaries exact values never to be written anywhere (from {@code HEARTWOOD_SECRET_VARIABLES})
 */
public record RuntimeSettings(MemoryLimits limits, ContextBudget budget, Duration leaseTtl, int modelMaxTokens,
        List<String> secretCanaries) {

    public static final String MAX_FILE_VARIABLE = "HEARTWOOD_MEMORY_MAX_FILE_BYTES";
    public static final String MEMORY_BUDGET_VARIABLE = "HEARTWOOD_MEMORY_BUDGET_CHARS";
    public static final String SECRET_VARIABLES = "HEARTWOOD_SECRET_VARIABLES";
    public static final String LEASE_TTL_VARIABLE = "HEARTWOOD_LEASE_TTL";
    private static final java.util.regex.Pattern SHORT_DURATION = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)");

    public static final RuntimeSettings DEFAULT = new RuntimeSettings(MemoryLimits.DEFAULT, ContextBudget.DEFAULT,
            Duration.ofMinutes(5), 1024, List.of());

    public RuntimeSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(budget, "budget");
        if (leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("leaseTtl must be positive, got " + leaseTtl);
        }
        if (modelMaxTokens < 1) {
            throw new IllegalArgumentException("modelMaxTokens must be positive, got " + modelMaxTokens);
        }
        secretCanaries = List.copyOf(secretCanaries);
    }

    /**
     * Reads {@code HEARTWOOD_MEMORY_MAX_FILE_BYTES}, {@code HEARTWOOD_MEMORY_BUDGET_CHARS},
     * {@code HEARTWOOD_LEASE_TTL} ({@code 5m}, {@code 90s}, {@code 500ms} or ISO {@code PT5M}; keep it
     * longer than a heartbeat can run) and the values of the variables named in
     * {@code HEARTWOOD_SECRET_VARIABLES} (comma-separated).
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static RuntimeSettings fromEnvironment(Map<String, String> environment) {
        MemoryLimits limits;
        try {
            limits = new MemoryLimits(
                    intSetting(environment, MAX_FILE_VARIABLE, MemoryLimits.DEFAULT.maxFileBytes()),
                    intSetting(environment, MEMORY_BUDGET_VARIABLE, MemoryLimits.DEFAULT.memoryBudgetChars()));
        } catch (IllegalArgumentException outOfRange) {
            throw new IllegalArgumentException(MAX_FILE_VARIABLE + " / " + MEMORY_BUDGET_VARIABLE + ": "
                    + outOfRange.getMessage(), outOfRange);
        }
        List<String> canaries = new ArrayList<>();
        for (String name : environment.getOrDefault(SECRET_VARIABLES, "").split(",")) {
            String value = name.isBlank() ? null : environment.get(name.strip());
            if (value != null && value.length() >= Redactor.MIN_CANARY_LENGTH) {
                canaries.add(value);
            }
        }
        return new RuntimeSettings(limits, DEFAULT.budget(), leaseTtl(environment), DEFAULT.modelMaxTokens(), canaries);
    }

    private static Duration leaseTtl(Map<String, String> environment) {
        String value = environment.get(LEASE_TTL_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT.leaseTtl();
        }
        java.util.regex.Matcher shortForm = SHORT_DURATION.matcher(value.strip());
        Duration ttl;
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            ttl = switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                ttl = Duration.parse(value.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(LEASE_TTL_VARIABLE + " '" + value + "' is not a duration: expected e.g."
                        + " 5m, 90s, 500ms or PT5M");
            }
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException(LEASE_TTL_VARIABLE + " must be a positive duration, got '" + value + "'");
        }
        return ttl;
    }

    /** The standard detectors plus the configured canaries. */
    public Redactor redactor() {
        return secretCanaries.isEmpty() ? Redactor.standard() : Redactor.standard().withCanaries(secretCanaries);
    }

    @Override
    public String toString() {
        return "RuntimeSettings[limits=" + limits + ", budget=" + budget + ", leaseTtl=" + leaseTtl
                + ", modelMaxTokens=" + modelMaxTokens + ", secretCanaries=" + secretCanaries.size() + " redacted]";
    }

    /**
     * A whole-number setting, or {@code fallback} when the variable is unset or blank.
     *
     * @throws IllegalArgumentException naming the variable, if it is not a whole number
     */
    public static int intSetting(Map<String, String> environment, String variable, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " '" + value + "' is not a whole number");
        }
    }
}
