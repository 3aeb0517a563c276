package dev.heartwood.core.heartbeat.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When a task's slots fall. Slots are instants; local times are resolved in the cadence's zone,
 * so {@code daily 09:00 Europe/Paris} stays at 09:00 in Paris across daylight-saving changes.
 */
public sealed interface Cadence permits Cadence.Every, Cadence.Daily, Cadence.Weekly, Cadence.Cron, Cadence.Once {

    /** The newest slot at or before {@code t}, or null if there is none. */
    Instant atOrBefore(Instant t);

    /** The first slot strictly after {@code t}, or null if there is none. */
    Instant after(Instant t);

    /** Zone that active hours default to when they name none. */
    ZoneId zone();

    /** Every {@code period}, aligned on the epoch (so {@code every 30m} falls on :00 and :30 UTC). */
    record Every(Duration period) implements Cadence {
        public Every {
            if (period == null || period.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("period must be at least one minute, got " + period);
            }
        }

        @Override
        public Instant atOrBefore(Instant t) {
            long seconds = period.toSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
        }

        @Override
        public Instant after(Instant t) {
            return atOrBefore(t).plus(period);
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }
    }

    /** Once a day at a local time; a time skipped by a DST jump runs at the shifted instant. */
    record Daily(LocalTime time, ZoneId zone) implements Cadence {
        public Daily {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant atOrBefore(Instant t) {
            LocalDate day = t.atZone(zone).toLocalDate();
            Instant slot = at(day);
            return slot.isAfter(t) ? at(day.minusDays(1)) : slot;
        }

        @Override
        public Instant after(Instant t) {
            LocalDate day = t.atZone(zone).toLocalDate();
            Instant slot = at(day);
            return slot.isAfter(t) ? slot : at(day.plusDays(1));
        }

        private Instant at(LocalDate day) {
            return ZonedDateTime.of(day, time, zone).toInstant();
        }
    }

    /** Once a week on a day at a local time. */
    record Weekly(DayOfWeek day, LocalTime time, ZoneId zone) implements Cadence {
        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant atOrBefore(Instant t) {
            LocalDate date = t.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
            Instant slot = at(date);
            return slot.isAfter(t) ? at(date.minusWeeks(1)) : slot;
        }

        @Override
        public Instant after(Instant t) {
            LocalDate date = t.atZone(zone).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
            Instant slot = at(date);
            return slot.isAfter(t) ? slot : at(date.plusWeeks(1));
        }

        private Instant at(LocalDate date) {
            return ZonedDateTime.of(date, time, zone).toInstant();
        }
    }

    /** A five-field cron expression evaluated in {@code zone}. */
    record Cron(CronSchedule schedule, ZoneId zone) implements Cadence {
        public Cron {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant atOrBefore(Instant t) {
            return schedule.atOrBefore(t, zone);
        }

        @Override
        public Instant after(Instant t) {
            return schedule.after(t, zone);
        }
    }

    /** A next action: due once, while its checkbox is unticked. It has no slots of its own. */
    record Once() implements Cadence {
        @Override
        public Instant atOrBefore(Instant t) {
            return null;
        }

        @Override
        public Instant after(Instant t) {
            return null;
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }
    }
}
