package dev.heartwood.core.heartbeat.plan;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/** Local hours in which a task may run, {@code [from, to)}; {@code 22:00-06:00} wraps past midnight. */
public record ActiveHours(LocalTime from, LocalTime to, ZoneId zone) {

    public ActiveHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (from.equals(to)) {
            throw new IllegalArgumentException("active hours " + from + "-" + to + " are empty");
        }
    }

    public boolean contains(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        return from.isBefore(to)
                ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }
}
