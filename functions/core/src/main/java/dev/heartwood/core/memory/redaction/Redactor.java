package dev.heartwood.core.memory.redaction;

import dev.heartwood.core.identity.AgentKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every write to memory or chat passes through: replaces secrets with typed placeholders
 * ({@code [redacted:jwt]}) and reports what it replaced, never the secret itself.
 *
 * <p>Immutable and thread-safe: {@code with…} methods return a new redactor, so one instance can
 * be built at start-up and shared.
 */
public final class Redactor {

    /** Shorter canaries would redact ordinary words wherever they occur. */
    public static final int MIN_CANARY_LENGTH = 8;

    private static final List<Detector> STANDARD = List.of(new PrivateKeyDetector(), new AwsKeyDetector(),
            new ApiTokenDetector(), new JwtDetector(), new BearerTokenDetector(), new SeedDetector(),
            new SecretAssignmentDetector());
    private static final Redactor STANDARD_REDACTOR = new Redactor(List.of(), (summary, findings) -> { });

    private final List<String> canaries;
    private final List<Detector> detectors;
    private final RedactionListener listener;

    private Redactor(List<String> canaries, RedactionListener listener) {
        this.canaries = List.copyOf(canaries);
        this.listener = listener;
        List<Detector> all = new ArrayList<>(STANDARD);
        if (!canaries.isEmpty()) {
            all.add(new CanaryDetector(this.canaries));
        }
        this.detectors = List.copyOf(all);
    }

    /** Every built-in detector and no canaries. */
    public static Redactor standard() {
        return STANDARD_REDACTOR;
    }

    /**
     * This redactor, also replacing every exact occurrence of these values with {@code [redacted:canary]}.
     *
     * @throws IllegalArgumentException if a value is null, blank or shorter than {@value #MIN_CANARY_LENGTH} characters;
     *     the message gives its position and length, never the value
     */
    public Redactor withCanaries(List<String> values) {
        Objects.requireNonNull(values, "canaries");
        Set<String> all = new LinkedHashSet<>(canaries);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("canary #" + (i + 1) + " is null: expected a secret value of at least "
                        + MIN_CANARY_LENGTH + " characters");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("canary #" + (i + 1) + " is blank: expected a secret value");
            }
            if (value.length() < MIN_CANARY_LENGTH) {
                throw new IllegalArgumentException("canary #" + (i + 1) + " is " + value.length() + " characters long:"
                        + " a canary must be at least " + MIN_CANARY_LENGTH + " characters, or it would redact ordinary words");
            }
            all.add(value);
        }
        return new Redactor(List.copyOf(all), listener);
    }

    /**
     * This redactor, also replacing the agent's own private key wherever it appears: the 32-byte seed
     * in hex (either case), base64 and base64url (with and without padding).
     */
    public Redactor withAgentKey(AgentKey key) {
        Objects.requireNonNull(key, "key");
        byte[] seed = key.seed();
        try {
            String base64 = Base64.getEncoder().encodeToString(seed);
            String base64Url = Base64.getUrlEncoder().encodeToString(seed);
            String hex = HexFormat.of().formatHex(seed);
            // Padded before unpadded: both match at the same place, and the longer one wins, so no
            // stray '=' is left behind.
            return withCanaries(List.of(hex, hex.toUpperCase(Locale.ROOT), base64, base64.replace("=", ""),
                    base64Url, base64Url.replace("=", "")));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** This redactor, telling {@code listener} about every redaction that removed something. */
    public Redactor withListener(RedactionListener listener) {
        return new Redactor(canaries, Objects.requireNonNull(listener, "listener"));
    }

    /** The text with every secret replaced, and what was replaced. */
    public Redaction redact(String text) {
        Objects.requireNonNull(text, "text");
        List<Match> found = new ArrayList<>();
        for (Detector detector : detectors) {
            detector.find(text, found);
        }
        Redaction redaction = replace(text, found);
        if (!redaction.isClean()) {
            listener.redacted(redaction.summary(), redaction.findings());
        }
        return redaction;
    }

    /**
     * Overlapping spans are merged and the merged span is replaced once, so no part of a secret two
     * detectors saw differently survives (a PEM block in a JSON string is seen whole by one detector
     * and as a quoted value by another). It is named after the most specific type among them.
     */
    private static Redaction replace(String text, List<Match> found) {
        if (found.isEmpty()) {
            return new Redaction(text, List.of());
        }
        found.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed()));
        Map<SecretType, Integer> counts = new EnumMap<>(SecretType.class);
        Map<SecretType, Set<Integer>> lines = new EnumMap<>(SecretType.class);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int line = 1;
        int i = 0;
        while (i < found.size()) {
            Match best = found.get(i);
            int end = best.end();
            int j = i + 1;
            while (j < found.size() && found.get(j).start() < end) {
                Match next = found.get(j);
                end = Math.max(end, next.end());
                if (next.type().specificity() > best.type().specificity()) {
                    best = next;
                }
                j++;
            }
            int start = found.get(i).start();
            line += newlines(text, copied, start);
            out.append(text, copied, start).append(best.type().placeholder());
            counts.merge(best.type(), 1, Integer::sum);
            lines.computeIfAbsent(best.type(), type -> new TreeSet<>()).add(line);
            line += newlines(text, start, end);
            copied = end;
            i = j;
        }
        out.append(text, copied, text.length());
        List<Finding> findings = new ArrayList<>();
        counts.forEach((type, count) -> findings.add(new Finding(type, count, List.copyOf(lines.get(type)))));
        return new Redaction(out.toString(), findings);
    }

    private static int newlines(String text, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Counts only: the canaries are secrets themselves. */
    @Override
    public String toString() {
        return "Redactor[" + STANDARD.size() + " detectors, " + canaries.size() + " canaries]";
    }
}
