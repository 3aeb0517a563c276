package dev.heartwood.core.heartbeat.plan;

import dev.heartwood.core.heartbeat.plan.HeartbeatDocument.Item;
import dev.heartwood.core.heartbeat.plan.HeartbeatDocument.Section;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One task line: {@code [ [ ] ] [**id**] kind[:] argument [— schedule]}, plus its {@code last:} sub-item.
 * The grammar reads the raw source text, not rendered inlines, so what the user typed is what counts.
 */
final class TaskGrammar {

    static final String TASK_FORM = "[**id**] kind argument — cadence";
    static final String LAST_FORM = "last: yyyy-MM-ddTHH:mmZ <outcome> [— note]";

    private static final Pattern CHECKBOX = Pattern.compile("\\[([ xX])\\](?:\\s+(.*))?");
    private static final Pattern HEAD = Pattern.compile("(?:\\*\\*([^*]*)\\*\\*\\s*)?([^\\s:`*]+):?\\s*(.*)");
    private static final Pattern DASH = Pattern.compile("\\s(?:\u2014|\u2013|--)\\s");
    private static final Pattern LEADING_DASH = Pattern.compile("\\s*(?:\u2014|\u2013|--)\\s*(.*)");
    private static final Pattern LAST = Pattern.compile(
            "(?i)last:\\s*(\\S+)(?:\\s+([^\\s\u2014\u2013]+))?(?:\\s+(?:\u2014|\u2013|--)\\s*(.*))?");
    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    /** A task as written, before ids are made unique across the file. {@code id} is null when not given. */
    record Draft(Item item, String id, String kind, String argument, Cadence cadence, CatchUp catchUp,
            ActiveHours activeHours, Instant lastRun, String lastOutcome, boolean ticked, boolean valid) {

        int line() {
            return item.line() + 1;
        }
    }

    private TaskGrammar() {
    }

    /**
     * @param kinds the kinds executors run; null accepts any (write-back only needs to find the task)
     * @return null if the item is not a task at all; a draft that is not {@code valid} if parts of it are wrong
     *     (the reasons are added to {@code problems})
     */
    static Draft parse(Item item, Set<String> kinds, List<String> problems) {
        int line = item.line() + 1;
        int before = problems.size();
        String text = item.text();
        boolean nextAction = item.section() == Section.NEXT_ACTIONS;
        boolean ticked = false;
        Matcher box = text == null ? null : CHECKBOX.matcher(text);
        if (nextAction) {
            if (box == null || !box.matches()) {
                problems.add("line " + line + ": a next action starts with a checkbox: expected - [ ] or - [x], then "
                        + "[**id**] kind argument");
                return null;
            }
            ticked = !box.group(1).equals(" ");
            text = box.group(2) == null ? "" : box.group(2);
        } else if (box != null && box.lookingAt()) {
            problems.add("line " + line + ": a periodic task has no checkbox: expected " + TASK_FORM);
            return null;
        }
        Matcher head = text == null ? null : HEAD.matcher(text);
        if (head == null || !head.matches()) {
            problems.add("line " + line + ": expected a task: " + (nextAction ? "[ ] [**id**] kind argument" : TASK_FORM));
            return null;
        }
        String id = head.group(1);
        if (id != null && !ID.matcher(id).matches()) {
            id = null;
            problems.add("line " + line + ": task id '" + head.group(1)
                    + "' is not valid: expected 1-64 lowercase letters, digits or hyphens");
        } else if (id == null && !nextAction) {
            problems.add("line " + line + ": a periodic task needs an id, so its runs stay its own when the text is"
                    + " edited: expected **some-id** before the kind");
        }
        String kind = head.group(2);
        if (kinds != null && !kinds.contains(kind)) {
            problems.add("line " + line + ": kind '" + kind + "' is not known: expected one of "
                    + String.join(", ", new TreeSet<>(kinds)));
        }
        String rest = head.group(3);
        String argument;
        ScheduleGrammar.Schedule schedule = null;
        if (nextAction) {
            argument = rest.startsWith("`") && codeSpanEnd(rest) == rest.length() ? unwrap(rest) : rest;
        } else {
            String scheduleText;
            if (rest.startsWith("`") && codeSpanEnd(rest) > 0) {
                argument = unwrap(rest.substring(0, codeSpanEnd(rest)));
                Matcher dash = LEADING_DASH.matcher(rest.substring(codeSpanEnd(rest)));
                scheduleText = dash.matches() ? dash.group(1) : null;
            } else if (rest.matches("(?:\u2014|\u2013|--)(?:\\s.*)?")) {
                argument = ""; // a kind that needs no argument: "**tidy** memory.audit -- daily 06:00"
                scheduleText = rest.replaceFirst("^(?:\u2014|\u2013|--)", "").strip();
            } else {
                Matcher dash = DASH.matcher(rest);
                int at = -1;
                int end = -1;
                while (dash.find()) {
                    at = dash.start();
                    end = dash.end();
                }
                // The last dash starts the schedule, so message text may contain dashes of its own.
                argument = at < 0 ? rest : rest.substring(0, at).strip();
                scheduleText = at < 0 ? null : rest.substring(end).strip();
            }
            if (scheduleText == null || scheduleText.isEmpty()) {
                problems.add("line " + line + ": task '" + (id == null ? kind : id) + "' has no cadence: expected "
                        + TASK_FORM + ", the cadence one of " + ScheduleGrammar.CADENCE_FORMS);
            } else {
                schedule = ScheduleGrammar.parse(scheduleText, line, problems);
            }
        }
        Instant lastRun = null;
        String lastOutcome = "";
        if (item.last() != null) {
            Matcher last = LAST.matcher(item.last().text());
            Instant at = last.matches() ? instant(last.group(1)) : null;
            if (at == null) {
                problems.add("line " + (item.last().line() + 1) + ": last run '" + item.last().text()
                        + "' not understood: expected " + LAST_FORM);
            } else {
                lastRun = at;
                lastOutcome = last.group(2) == null ? "" : last.group(2);
            }
        }
        boolean valid = problems.size() == before;
        // An invalid draft is still returned: its id must count when looking for duplicates.
        return nextAction
                ? new Draft(item, id, kind, argument, new Cadence.Once(), CatchUp.DEFAULT, null, lastRun, lastOutcome,
                        ticked, valid)
                : new Draft(item, id, kind, argument, schedule == null ? null : schedule.cadence(),
                        schedule == null ? CatchUp.DEFAULT : schedule.catchUp(),
                        schedule == null ? null : schedule.activeHours(), lastRun, lastOutcome, false, valid);
    }

    static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }

    /** Index just past a code span opening {@code text}, or -1 if its backtick run never closes. */
    private static int codeSpanEnd(String text) {
        int run = 0;
        while (run < text.length() && text.charAt(run) == '`') {
            run++;
        }
        String fence = "`".repeat(run);
        for (int at = text.indexOf(fence, run); at >= 0; at = text.indexOf(fence, at + 1)) {
            boolean longer = at + run < text.length() && text.charAt(at + run) == '`';
            if (!longer && text.charAt(at - 1) != '`') {
                return at + run;
            }
        }
        return -1;
    }

    private static String unwrap(String span) {
        int run = 0;
        while (span.charAt(run) == '`') {
            run++;
        }
        String inner = span.substring(run, span.length() - run);
        // CommonMark strips one space each side, so `` `a` `` can hold a backtick.
        return inner.length() > 1 && inner.startsWith(" ") && inner.endsWith(" ") && !inner.isBlank()
                ? inner.substring(1, inner.length() - 1) : inner;
    }
}
