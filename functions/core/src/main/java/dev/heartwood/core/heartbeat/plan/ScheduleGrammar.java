package dev.heartwood.core.heartbeat.plan;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The part of a periodic task after the dash: {@code every 30m, catch-up once (max 2h), active 08:00-20:00 Europe/Paris}. */
final class ScheduleGrammar {

    static final String CADENCE_FORMS = "every <n>m|h, hourly, daily HH:MM [zone], weekly <day> HH:MM [zone]"
            + " or cron \"m h dom mon dow\" [zone]";
    static final String CATCH_UP_FORM = "catch-up once|all|skip [(max <n>m|h|d)]";
    static final String ACTIVE_FORM = "active HH:MM-HH:MM [zone]";

    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,4})\\s*([mh])", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAILY = Pattern.compile("daily\\s+(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKLY = Pattern.compile(
            "weekly\\s+([a-z]+)\\s+(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CRON = Pattern.compile("cron\\s+\"([^\"]*)\"(?:\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CATCH_UP = Pattern.compile(
            "catch-?up\\s+(once|all|skip)(?:\\s+\\(?\\s*max\\s+(\\d{1,4})\\s*([mhd])\\s*\\)?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTIVE = Pattern.compile(
            "active\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    record Schedule(Cadence cadence, CatchUp catchUp, ActiveHours activeHours) {
    }

    private ScheduleGrammar() {
    }

    /** Returns null and adds to {@code problems} if any clause is wrong. */
    static Schedule parse(String text, int line, List<String> problems) {
        int before = problems.size();
        Cadence cadence = null;
        CatchUp catchUp = CatchUp.DEFAULT;
        String active = null;
        List<String> clauses = clauses(text);
        for (int i = 0; i < clauses.size(); i++) {
            String clause = clauses.get(i);
            String word = clause.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (word.startsWith("catch")) {
                catchUp = catchUp(clause, line, problems);
            } else if (word.equals("active")) {
                active = clause;
            } else if (cadence == null && (i == 0 || List.of("every", "hourly", "daily", "weekly", "cron").contains(word))) {
                cadence = cadence(clause, line, problems);
            } else {
                problems.add("line " + line + ": '" + clause + "' not understood: expected " + CATCH_UP_FORM + " or "
                        + ACTIVE_FORM);
            }
        }
        ActiveHours hours = active == null ? null : active(active, cadence, line, problems);
        return problems.size() > before || cadence == null ? null : new Schedule(cadence, catchUp, hours);
    }

    private static Cadence cadence(String clause, int line, List<String> problems) {
        String problem = "line " + line + ": cadence '" + clause + "' not understood: expected " + CADENCE_FORMS;
        Matcher m;
        if (clause.equalsIgnoreCase("hourly")) {
            return new Cadence.Every(Duration.ofHours(1));
        } else if ((m = EVERY.matcher(clause)).matches() && Integer.parseInt(m.group(1)) > 0) {
            int n = Integer.parseInt(m.group(1));
            return new Cadence.Every(m.group(2).equalsIgnoreCase("m") ? Duration.ofMinutes(n) : Duration.ofHours(n));
        } else if ((m = DAILY.matcher(clause)).matches() && time(m.group(1)) != null) {
            ZoneId zone = zone(m.group(2), line, problems);
            return zone == null ? null : new Cadence.Daily(time(m.group(1)), zone);
        } else if ((m = WEEKLY.matcher(clause)).matches() && day(m.group(1)) != null && time(m.group(2)) != null) {
            ZoneId zone = zone(m.group(3), line, problems);
            return zone == null ? null : new Cadence.Weekly(day(m.group(1)), time(m.group(2)), zone);
        } else if ((m = CRON.matcher(clause)).matches()) {
            CronSchedule cron;
            try {
                cron = CronSchedule.parse(m.group(1));
            } catch (IllegalArgumentException wrong) {
                problems.add("line " + line + ": cron \"" + m.group(1) + "\" not understood: " + wrong.getMessage());
                return null;
            }
            ZoneId zone = zone(m.group(2), line, problems);
            return zone == null ? null : new Cadence.Cron(cron, zone);
        }
        problems.add(problem);
        return null;
    }

    private static CatchUp catchUp(String clause, int line, List<String> problems) {
        Matcher m = CATCH_UP.matcher(clause);
        if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2)) == 0)) {
            problems.add("line " + line + ": catch-up '" + clause + "' not understood: expected " + CATCH_UP_FORM);
            return CatchUp.DEFAULT;
        }
        Duration max = null;
        if (m.group(2) != null) {
            long n = Long.parseLong(m.group(2));
            max = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return new CatchUp(CatchUp.Policy.valueOf(m.group(1).toUpperCase(Locale.ROOT)), max);
    }

    private static ActiveHours active(String clause, Cadence cadence, int line, List<String> problems) {
        Matcher m = ACTIVE.matcher(clause);
        if (!m.matches() || time(m.group(1)) == null || time(m.group(2)) == null
                || time(m.group(1)).equals(time(m.group(2)))) {
            problems.add("line " + line + ": active hours '" + clause + "' not understood: expected " + ACTIVE_FORM);
            return null;
        }
        // Without a zone of their own, active hours follow the cadence's: "daily 09:00 Europe/Paris, active 08:00-20:00".
        ZoneId zone = m.group(3) == null ? (cadence == null ? ZoneOffset.UTC : cadence.zone())
                : zone(m.group(3), line, problems);
        return zone == null ? null : new ActiveHours(time(m.group(1)), time(m.group(2)), zone);
    }

    /** Splits on commas outside double quotes, so a cron list like {@code "0 8,12 * * *"} stays whole. */
    private static List<String> clauses(String text) {
        List<String> clauses = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString().strip());
        return clauses;
    }

    private static LocalTime time(String hhmm) {
        String[] parts = hhmm.split(":");
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        return h < 24 && m < 60 ? LocalTime.of(h, m) : null;
    }

    private static DayOfWeek day(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < DAYS.size(); i++) {
            if (lower.equals(DAYS.get(i)) || lower.equals(DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT))) {
                return DayOfWeek.of(i + 1);
            }
        }
        return null;
    }

    private static ZoneId zone(String name, int line, List<String> problems) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException unknown) {
            problems.add("line " + line + ": time zone '" + name + "' is not known: expected a region id like"
                    + " Europe/Paris, or UTC");
            return null;
        }
    }
}
