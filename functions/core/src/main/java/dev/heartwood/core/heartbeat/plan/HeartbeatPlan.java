package dev.heartwood.core.heartbeat.plan;

import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.heartbeat.plan.HeartbeatDocument.Item;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks of a HEARTBEAT.md, in file order, and the choice of the one task a heartbeat runs.
 * The format is described in {@code docs/heartbeat-format.md}.
 */
public final class HeartbeatPlan {

    /** The kinds the executors shipped with Heartwood run; wiring may pass a larger set as executors register. */
    public static final Set<String> BUILT_IN_KINDS = Set.of("relay.post", "relay.inbox", "http.check",
            "memory.compact", "memory.audit", "model.prompt");

    /** A parsed task and the item it came from, for write-back. */
    record Located(PlannedTask task, Item item) {
    }

    private final List<Located> located;

    private HeartbeatPlan(List<Located> located) {
        this.located = List.copyOf(located);
    }

    /**
     * @param knownKinds kinds some executor runs; a task of any other kind is an error
     * @throws HeartbeatFormatException listing every problem in the file, each as {@code "line N: …"}
     */
    public static HeartbeatPlan parse(String markdown, Set<String> knownKinds) {
        Objects.requireNonNull(knownKinds, "knownKinds");
        List<String> problems = new ArrayList<>();
        HeartbeatPlan plan = read(markdown, knownKinds, problems);
        if (!problems.isEmpty()) {
            throw new HeartbeatFormatException(problems);
        }
        return plan;
    }

    /** Whatever tasks can be read, problems collected rather than thrown: write-back must work on a half-broken file. */
    static HeartbeatPlan read(String markdown, Set<String> knownKinds, List<String> problems) {
        HeartbeatDocument document = HeartbeatDocument.read(markdown);
        List<TaskGrammar.Draft> drafts = new ArrayList<>();
        for (Item item : document.items) {
            TaskGrammar.Draft draft = TaskGrammar.parse(item, knownKinds, problems);
            if (draft != null) {
                drafts.add(draft);
            }
        }
        Map<String, Integer> explicit = new HashMap<>();
        for (TaskGrammar.Draft draft : drafts) {
            if (draft.id() != null) {
                Integer first = explicit.putIfAbsent(draft.id(), draft.line());
                if (first != null) {
                    problems.add("line " + draft.line() + ": task id '" + draft.id() + "' is already used on line " + first);
                }
            }
        }
        Set<String> used = new HashSet<>(explicit.keySet());
        List<Located> located = new ArrayList<>();
        for (TaskGrammar.Draft d : drafts) {
            if (!d.valid()) {
                continue;
            }
            String id = d.id() != null ? d.id() : unique(derivedId(d.kind(), d.argument()), used);
            PlannedTask task = new PlannedTask(TaskId.of(id), d.kind(), d.argument(), d.cadence(), d.catchUp(),
                    d.activeHours(), d.lastRun(), d.lastOutcome(), d.ticked(), d.line());
            located.add(new Located(task, d.item()));
        }
        problems.sort(Comparator.comparingInt(HeartbeatPlan::lineOf));
        return new HeartbeatPlan(located);
    }

    public List<PlannedTask> tasks() {
        return located.stream().map(Located::task).toList();
    }

    public Optional<PlannedTask> task(TaskId id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    List<Located> located() {
        return located;
    }

    /**
     * The slots of {@code task} after {@code lastRun} up to {@code now}, oldest first, each with what
     * catch-up decided. Empty when nothing is due (or {@code now} is outside the task's active hours).
     *
     * @param lastRun the last slot run or skipped; null if never, which makes only the latest slot due
     */
    public static List<DueSlot> due(PlannedTask task, Instant lastRun, Instant now) {
        return DueSlots.due(task, lastRun, now);
    }

    /**
     * The one thing this heartbeat does: the first unticked next action in file order, else the periodic
     * task waiting longest (its oldest due slot), ties in file order.
     *
     * @param lastRuns last runs known elsewhere (the journal); the later of these and the file's {@code last:} counts
     */
    public Optional<Decision> next(Instant now, Map<TaskId, Instant> lastRuns) {
        Decision best = null;
        Instant bestSince = null;
        for (PlannedTask task : tasks()) {
            Instant known = lastRuns.get(task.id());
            Instant last = known == null || (task.lastRun() != null && task.lastRun().isAfter(known)) ? task.lastRun() : known;
            List<DueSlot> due = due(task, last, now);
            if (due.isEmpty()) {
                continue;
            }
            List<DueSlot> skipped = due.stream().filter(s -> s.action() == DueSlot.Action.SKIP).toList();
            Optional<DueSlot> run = due.stream().filter(s -> s.action() == DueSlot.Action.RUN).findFirst();
            Decision decision = run.<Decision>map(r -> new Decision.Run(task, r.slot(), skipped))
                    .orElseGet(() -> new Decision.SkipOnly(task, skipped));
            if (task.isNextAction()) {
                return Optional.of(decision);
            }
            Instant since = due.get(0).slot();
            if (best == null || since.isBefore(bestSince)) {
                best = decision;
                bestSince = since;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The file with {@code task}'s {@code last:} sub-item set to {@code at} (added if missing) and, for a next
     * action whose outcome is {@code done}, its checkbox ticked; every other byte stays as it was.
     *
     * @param at the slot that ran (not the wall-clock time), so catch-up {@code all} resumes after it
     * @throws IllegalArgumentException if the file has no task with that id
     */
    public static String recordRun(String markdown, TaskId task, Instant at, String outcome, String note) {
        return WriteBack.recordRun(markdown, task, at, outcome, note);
    }

    /** A next action without an id is named after its kind and text, so the same words keep the same id. */
    static String derivedId(String kind, String argument) {
        String base = kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(argument.getBytes(StandardCharsets.UTF_8));
            return (base.isEmpty() ? "" : base + "-") + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Identical generated lines (an audit finding raised again) get -2, -3… in file order. */
    private static String unique(String base, Set<String> used) {
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static int lineOf(String problem) {
        int space = problem.indexOf(':');
        try {
            return Integer.parseInt(problem.substring("line ".length(), space));
        } catch (RuntimeException unexpected) {
            return Integer.MAX_VALUE;
        }
    }
}
