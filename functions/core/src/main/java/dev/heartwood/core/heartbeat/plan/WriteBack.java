package dev.heartwood.core.heartbeat.plan;

import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.heartbeat.plan.HeartbeatDocument.Item;
import dev.heartwood.core.heartbeat.plan.HeartbeatDocument.Line;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records a run into HEARTBEAT.md by editing only the lines it owns: the task's {@code last:} line and
 * a next action's checkbox. The rest of the file is the user's, so it is copied through unparsed.
 */
final class WriteBack {

    private WriteBack() {
    }

    static String recordRun(String markdown, TaskId task, Instant at, String outcome, String note) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(at, "at");
        HeartbeatPlan.Located found = HeartbeatPlan.read(markdown, null, new ArrayList<>()).located().stream()
                .filter(l -> l.task().id().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task '" + task + "' is not in HEARTBEAT.md"
                        + " (or its line cannot be read): nothing recorded"));
        Item item = found.item();
        List<Line> lines = new ArrayList<>(HeartbeatDocument.split(markdown));
        String word = oneLine(outcome).replace(' ', '-');
        String text = "last: " + format(at) + (word.isEmpty() ? "" : " " + word);
        String oneLineNote = oneLine(note);
        if (!oneLineNote.isEmpty()) {
            text += " \u2014 " + oneLineNote;
        }
        if (found.task().isNextAction() && word.equalsIgnoreCase("done")) {
            Line first = lines.get(item.line());
            // The first paragraph of a next action starts at its "[ ]"; the space inside becomes an x.
            int box = item.column() + 1;
            if (first.text().charAt(box) == ' ') {
                lines.set(item.line(), new Line(first.text().substring(0, box) + "x" + first.text().substring(box + 1),
                        first.end()));
            }
        }
        if (item.last() != null) {
            Line old = lines.get(item.last().line());
            lines.set(item.last().line(), new Line(old.text().substring(0, item.last().column()) + text, old.end()));
        } else {
            // A sub-item belongs to the task when indented to its content column: under "- [ ] x" that is
            // where "[" starts (the checkbox is content, not marker), under "1. x" where "x" does.
            insertAfter(lines, item.endLine(), " ".repeat(item.column()) + "- " + text);
        }
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        for (Line line : lines) {
            out.append(line.text()).append(line.end());
        }
        return out.toString();
    }

    private static void insertAfter(List<Line> lines, int index, String text) {
        Line anchor = lines.get(index);
        String end = anchor.end().isEmpty() ? newline(lines) : anchor.end();
        lines.set(index, new Line(anchor.text(), end));
        // The new line takes the anchor's terminator, or none if the anchor was the file's unterminated last line.
        lines.add(index + 1, new Line(text, anchor.end()));
    }

    private static String newline(List<Line> lines) {
        return lines.stream().map(Line::end).filter(e -> !e.isEmpty()).findFirst().orElse("\n");
    }

    private static String format(Instant at) {
        Instant seconds = at.truncatedTo(ChronoUnit.SECONDS);
        String iso = seconds.toString();
        // 2026-11-22T09:00Z reads better than 2026-11-22T09:00:00Z and parses back to the same instant.
        return seconds.equals(at.truncatedTo(ChronoUnit.MINUTES)) ? iso.substring(0, iso.length() - 4) + "Z" : iso;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
