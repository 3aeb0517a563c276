package dev.heartwood.core.proof;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a run is made to fail: the {@code occurrence}-th call of a heartbeat to {@code boundary},
 * counted from 1 in the process, just {@code BEFORE} the call (nothing happened) or just
 * {@code AFTER} it (the store did it, the caller never heard). Written {@code relay-post:2:after}.
 */
public record Fault(Boundary boundary, int occurrence, Phase phase) {

    /** Which side of the call the fault is on. */
    public enum Phase { BEFORE, AFTER }

    public Fault {
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(phase, "phase");
        if (occurrence < 1) {
            throw new IllegalArgumentException("fault occurrence counts from 1, got " + occurrence);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, e.g. for {@code relay-post:x:after} */
    public static Fault parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("fault '" + text + "' is not BOUNDARY:OCCURRENCE:before|after,"
                    + " e.g. relay-post:1:after");
        }
        int occurrence;
        try {
            occurrence = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + text + "': occurrence '" + parts[1] + "' is not a number");
        }
        Phase phase = switch (parts[2].toLowerCase(Locale.ROOT)) {
            case "before" -> Phase.BEFORE;
            case "after" -> Phase.AFTER;
            default -> throw new IllegalArgumentException("fault '" + text + "': phase '" + parts[2]
                    + "' is not before or after");
        };
        return new Fault(Boundary.parse(parts[0]), occurrence, phase);
    }

    @Override
    public String toString() {
        return boundary.label() + ":" + occurrence + ":" + phase.name().toLowerCase(Locale.ROOT);
    }
}
