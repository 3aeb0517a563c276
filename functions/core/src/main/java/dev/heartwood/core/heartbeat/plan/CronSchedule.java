package dev.heartwood.core.heartbeat.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;

/**
 * A five-field cron expression, {@code minute hour day-of-month month day-of-week}, with {@code *},
 * lists, ranges and {@code /n} steps. As in classic cron, when both day fields are restricted a day
 * matches either. Local times that a DST jump skips do not exist, so they never match.
 */
public final class CronSchedule {

    /** Far enough to find {@code 0 0 29 2 1} (Feb 29 on a Monday recurs within 28 years). */
    private static final int HORIZON_DAYS = 366 * 29;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean anyDay;
    private final boolean anyWeekday;

    private CronSchedule(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], 0, 59, "minute");
        this.hours = field(f[1], 0, 23, "hour");
        this.days = field(f[2], 1, 31, "day-of-month");
        this.months = field(f[3], 1, 12, "month");
        BitSet dow = field(f[4], 0, 7, "day-of-week");
        if (dow.get(7)) {
            dow.set(0); // both 0 and 7 are Sunday
        }
        this.weekdays = dow;
        this.anyDay = f[2].equals("*");
        this.anyWeekday = f[4].equals("*");
    }

    /** @throws IllegalArgumentException saying which field is wrong and what was expected */
    public static CronSchedule parse(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + fields.length);
        }
        CronSchedule schedule = new CronSchedule(text.strip(), fields);
        if (schedule.after(Instant.EPOCH, java.time.ZoneOffset.UTC) == null) {
            throw new IllegalArgumentException("it never matches a day");
        }
        return schedule;
    }

    Instant after(Instant t, ZoneId zone) {
        ZonedDateTime start = t.atZone(zone);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    Instant slot = slot(day, h, m, zone);
                    if (slot != null && slot.isAfter(t)) {
                        return slot;
                    }
                }
            }
        }
        return null;
    }

    Instant atOrBefore(Instant t, ZoneId zone) {
        LocalDate day = t.atZone(zone).toLocalDate();
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.minusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            for (int h = hours.previousSetBit(23); h >= 0; h = hours.previousSetBit(h - 1)) {
                for (int m = minutes.previousSetBit(59); m >= 0; m = minutes.previousSetBit(m - 1)) {
                    Instant slot = slot(day, h, m, zone);
                    if (slot != null && !slot.isAfter(t)) {
                        return slot;
                    }
                }
            }
        }
        return null;
    }

    private static Instant slot(LocalDate day, int hour, int minute, ZoneId zone) {
        LocalDateTime local = day.atTime(hour, minute);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return null;
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = days.get(day.getDayOfMonth());
        boolean dow = weekdays.get(day.getDayOfWeek().getValue() % 7);
        return anyDay || anyWeekday ? dom && dow : dom || dow;
    }

    private static BitSet field(String field, int min, int max, String name) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max, name, field);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), min, max, name, field);
                to = number(range.substring(range.indexOf('-') + 1), min, max, name, field);
            } else {
                from = number(range, min, max, name, field);
                to = slash >= 0 ? max : from; // "5/15" means from 5 on, every 15
            }
            if (from > to) {
                throw new IllegalArgumentException(name + " '" + field + "' has a range that runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String digits, int min, int max, String name, String field) {
        if (!digits.matches("\\d{1,2}") || Integer.parseInt(digits) < min || Integer.parseInt(digits) > max) {
            throw new IllegalArgumentException(name + " '" + field + "' not understood: expected *, numbers " + min
                    + "-" + max + ", lists a,b, ranges a-b and steps */n");
        }
        return Integer.parseInt(digits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
