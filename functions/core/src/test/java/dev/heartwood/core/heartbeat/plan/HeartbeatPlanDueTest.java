package dev.heartwood.core.heartbeat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.heartbeat.plan.DueSlot.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeartbeatPlanDueTest {

    private static PlannedTask task(String schedule) {
        return plan("- **t** http.check `https://example.com` — " + schedule).tasks().get(0);
    }

    private static HeartbeatPlan plan(String... items) {
        return HeartbeatPlan.parse("## Periodic checks\n\n" + String.join("\n", items) + "\n", HeartbeatPlan.BUILT_IN_KINDS);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static List<Instant> slots(List<DueSlot> due, Action action) {
        return due.stream().filter(s -> s.action() == action).map(DueSlot::slot).toList();
    }

    @ParameterizedTest(name = "{0}: last {1}, now {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "never", textBlock = """
            every 30m                        | 2026-11-22T09:00:00Z | 2026-11-22T09:45:00Z | 2026-11-22T09:30:00Z
            every 30m                        | never                | 2026-11-22T09:45:00Z | 2026-11-22T09:30:00Z
            every 2h                         | 2026-11-22T08:00:00Z | 2026-11-22T10:00:00Z | 2026-11-22T10:00:00Z
            hourly                           | 2026-11-22T09:00:00Z | 2026-11-22T10:00:00Z | 2026-11-22T10:00:00Z
            daily 09:00 Europe/Paris         | 2026-11-21T08:00:00Z | 2026-11-22T08:30:00Z | 2026-11-22T08:00:00Z
            daily 09:00 Europe/Paris         | never                | 2026-11-22T07:59:00Z | 2026-11-21T08:00:00Z
            daily 09:00 America/New_York     | 2026-11-21T14:00:00Z | 2026-11-22T14:00:00Z | 2026-11-22T14:00:00Z
            daily 09:00 Europe/Paris         | 2026-03-28T08:00:00Z | 2026-03-29T07:30:00Z | 2026-03-29T07:00:00Z
            daily 02:30 Europe/Paris         | 2026-03-28T01:30:00Z | 2026-03-29T02:00:00Z | 2026-03-29T01:30:00Z
            daily 09:00 Europe/Paris         | 2026-10-24T07:00:00Z | 2026-10-25T08:30:00Z | 2026-10-25T08:00:00Z
            daily 02:30 Europe/Paris         | 2026-10-24T00:30:00Z | 2026-10-25T02:00:00Z | 2026-10-25T00:30:00Z
            daily 09:00                      | 2026-11-21T09:00:00Z | 2026-11-22T09:00:00Z | 2026-11-22T09:00:00Z
            weekly mon 09:00 Europe/Paris    | 2026-11-16T08:00:00Z | 2026-11-23T08:00:00Z | 2026-11-23T08:00:00Z
            weekly sun 06:00                 | never                | 2026-11-25T12:00:00Z | 2026-11-22T06:00:00Z
            cron "0 9 * * 1-5" Europe/Paris  | 2026-11-20T08:00:00Z | 2026-11-23T10:00:00Z | 2026-11-23T08:00:00Z
            cron "*/15 * * * *"              | 2026-11-22T09:00:00Z | 2026-11-22T09:20:00Z | 2026-11-22T09:15:00Z
            cron "30 2 * * *" Europe/Paris   | 2026-03-28T01:30:00Z | 2026-03-30T01:00:00Z | 2026-03-30T00:30:00Z
            """)
    void due_whenOneSlotHasCome_runsIt(String schedule, Instant last, Instant now, Instant expected) {
        List<DueSlot> due = HeartbeatPlan.due(task(schedule), last, now);

        assertThat(due).containsExactly(new DueSlot(expected, Action.RUN, ""));
    }

    @ParameterizedTest(name = "{0}: last {1}, now {2}")
    @CsvSource(delimiter = '|', textBlock = """
            every 30m                | 2026-11-22T09:30:00Z | 2026-11-22T09:59:59Z
            daily 09:00 Europe/Paris | 2026-11-22T08:00:00Z | 2026-11-23T07:59:00Z
            daily 09:00 Europe/Paris | 2026-03-29T07:00:00Z | 2026-03-30T06:59:00Z
            """)
    void due_whenTheNextSlotHasNotCome_isEmpty(String schedule, Instant last, Instant now) {
        assertThat(HeartbeatPlan.due(task(schedule), last, now)).isEmpty();
    }

    @Test
    void due_whenDaylightSavingStarts_keepsTheLocalHourSoTheDayIsAnHourShorter() {
        PlannedTask task = task("daily 09:00 Europe/Paris");
        Instant saturday = at("2026-03-28T08:00:00Z");

        Instant sunday = HeartbeatPlan.due(task, saturday, at("2026-03-29T12:00:00Z")).get(0).slot();

        assertThat(sunday).isEqualTo(at("2026-03-29T07:00:00Z"));
        assertThat(java.time.Duration.between(saturday, sunday)).hasHours(23);
    }

    // A six-hour outage: the last heartbeat ran at 09:00, the next one comes at 15:10.
    private static final Instant LAST = at("2026-11-22T09:00:00Z");
    private static final Instant BACK = at("2026-11-22T15:10:00Z");

    @Test
    void due_afterOutage_dailyTaskRunsOnce() {
        List<DueSlot> due = HeartbeatPlan.due(task("daily 09:00"), at("2026-11-21T09:00:00Z"), at("2026-11-22T15:10:00Z"));

        assertThat(due).containsExactly(new DueSlot(at("2026-11-22T09:00:00Z"), Action.RUN, ""));
    }

    @Test
    void due_afterOutage_onceRunsTheNewestAndSkipsElevenSlots() {
        List<DueSlot> due = HeartbeatPlan.due(task("every 30m, catch-up once"), LAST, BACK);

        assertThat(slots(due, Action.RUN)).containsExactly(at("2026-11-22T15:00:00Z"));
        assertThat(slots(due, Action.SKIP)).hasSize(11).first().isEqualTo(at("2026-11-22T09:30:00Z"));
        assertThat(slots(due, Action.SKIP)).last().isEqualTo(at("2026-11-22T14:30:00Z"));
    }

    @Test
    void due_afterOutage_allRunsTheOldestAndTheNextHeartbeatsRunTheRest() {
        PlannedTask task = task("every 30m, catch-up all (max 12h)");

        List<DueSlot> first = HeartbeatPlan.due(task, LAST, BACK);
        List<DueSlot> second = HeartbeatPlan.due(task, at("2026-11-22T09:30:00Z"), BACK.plusSeconds(300));

        assertThat(slots(first, Action.RUN)).containsExactly(at("2026-11-22T09:30:00Z"));
        assertThat(slots(first, Action.LATER)).hasSize(11);
        assertThat(slots(first, Action.SKIP)).isEmpty();
        assertThat(slots(second, Action.RUN)).containsExactly(at("2026-11-22T10:00:00Z"));
    }

    @Test
    void due_afterOutage_allSkipsSlotsOlderThanMaxLateness() {
        List<DueSlot> due = HeartbeatPlan.due(task("every 30m, catch-up all (max 2h)"), LAST, BACK);

        assertThat(slots(due, Action.SKIP)).hasSize(8).last().isEqualTo(at("2026-11-22T13:00:00Z"));
        assertThat(due.get(0).reason()).isEqualTo("older than max lateness 2h");
        assertThat(slots(due, Action.RUN)).containsExactly(at("2026-11-22T13:30:00Z"));
        assertThat(slots(due, Action.LATER)).containsExactly(at("2026-11-22T14:00:00Z"), at("2026-11-22T14:30:00Z"),
                at("2026-11-22T15:00:00Z"));
    }

    @Test
    void due_afterOutage_skipRunsNoneAndTheNextRegularSlotRuns() {
        PlannedTask task = task("every 30m, catch-up skip");

        List<DueSlot> now = HeartbeatPlan.due(task, LAST, BACK);
        List<DueSlot> later = HeartbeatPlan.due(task, at("2026-11-22T15:00:00Z"), at("2026-11-22T15:31:00Z"));

        assertThat(slots(now, Action.RUN)).isEmpty();
        assertThat(slots(now, Action.SKIP)).hasSize(12);
        assertThat(later).containsExactly(new DueSlot(at("2026-11-22T15:30:00Z"), Action.RUN, ""));
    }

    @Test
    void due_whenNowIsOutsideActiveHours_isEmpty() {
        PlannedTask task = task("every 30m, active 08:00-20:00 Europe/Paris");

        assertThat(HeartbeatPlan.due(task, at("2026-11-22T18:30:00Z"), at("2026-11-22T19:15:00Z"))).isEmpty();
        assertThat(HeartbeatPlan.due(task, at("2026-11-22T18:30:00Z"), at("2026-11-22T18:59:00Z"))).isEmpty();
        assertThat(HeartbeatPlan.due(task, at("2026-11-22T18:00:00Z"), at("2026-11-22T18:59:00Z")))
                .containsExactly(new DueSlot(at("2026-11-22T18:30:00Z"), Action.RUN, ""));
    }

    @Test
    void due_whenActiveHoursResume_runsTheFirstActiveSlotAndSkipsTheNight() {
        PlannedTask task = task("every 30m, active 08:00-20:00 Europe/Paris");

        List<DueSlot> due = HeartbeatPlan.due(task, at("2026-11-22T18:30:00Z"), at("2026-11-23T07:10:00Z"));

        assertThat(slots(due, Action.RUN)).containsExactly(at("2026-11-23T07:00:00Z"));
        assertThat(due.stream().filter(s -> s.action() == Action.SKIP)).hasSize(24)
                .allMatch(s -> s.reason().equals("outside active hours"));
    }

    @Test
    void due_whenNextActionIsUnticked_runsItOnceWithAStableSlot() {
        HeartbeatPlan plan = HeartbeatPlan.parse("""
                ## Next actions
                - [ ] relay.post: hello
                - [x] relay.post: bye
                - [ ] relay.post: retry me
                  - last: 2026-11-22T09:00Z crashed
                - [ ] relay.post: broken
                  - last: 2026-11-22T09:00Z failed — relay said 400
                """, HeartbeatPlan.BUILT_IN_KINDS);
        Instant now = at("2026-11-22T10:00:00Z");

        assertThat(HeartbeatPlan.due(plan.tasks().get(0), null, now)).extracting(DueSlot::slot).containsExactly(Instant.EPOCH);
        assertThat(HeartbeatPlan.due(plan.tasks().get(1), null, now)).isEmpty();
        assertThat(HeartbeatPlan.due(plan.tasks().get(2), at("2026-11-22T09:00:00Z"), now)).extracting(DueSlot::slot)
                .containsExactly(at("2026-11-22T09:00:00Z"));
        assertThat(HeartbeatPlan.due(plan.tasks().get(3), at("2026-11-22T09:00:00Z"), now)).isEmpty();
    }

    @Test
    void next_whenANextActionIsOpen_choosesItBeforeOverduePeriodicTasks() {
        HeartbeatPlan plan = HeartbeatPlan.parse("""
                ## Periodic checks
                - **site** http.check `https://example.com` — every 30m
                  - last: 2026-11-20T09:00Z done
                ## Next actions
                - [x] relay.post: done already
                - [ ] **tell-ana** relay.post: hello
                - [ ] relay.post: after that
                """, HeartbeatPlan.BUILT_IN_KINDS);

        Decision decision = plan.next(BACK, Map.of()).orElseThrow();

        assertThat(decision).isEqualTo(new Decision.Run(plan.tasks().get(2), Instant.EPOCH, List.of()));
    }

    @Test
    void next_whenSeveralPeriodicTasksAreDue_choosesTheOneWaitingLongest() {
        HeartbeatPlan plan = plan(
                "- **recent** http.check `a` — every 30m",
                "  - last: 2026-11-22T14:30Z done",
                "- **daily** relay.post hi — daily 09:00",
                "  - last: 2026-11-21T09:00Z done",
                "- **quiet** http.check `b` — hourly, active 20:00-22:00");

        Decision decision = plan.next(BACK, Map.of()).orElseThrow();

        assertThat(decision.task().id()).isEqualTo(TaskId.of("daily"));
        assertThat(((Decision.Run) decision).slot()).isEqualTo(at("2026-11-22T09:00:00Z"));
    }

    @Test
    void next_whenJournalKnowsALaterRun_usesIt() {
        HeartbeatPlan plan = plan("- **daily** relay.post hi — daily 09:00", "  - last: 2026-11-21T09:00Z done");

        assertThat(plan.next(BACK, Map.of(TaskId.of("daily"), at("2026-11-22T09:00:00Z")))).isEmpty();
        assertThat(plan.next(BACK, Map.of(TaskId.of("daily"), at("2026-11-20T09:00:00Z")))).isPresent()
                .get().extracting(d -> ((Decision.Run) d).slot()).isEqualTo(at("2026-11-22T09:00:00Z"));
    }

    @Test
    void next_whenCatchUpSkipsEverything_returnsASkipOnlyDecisionToRecord() {
        HeartbeatPlan plan = plan("- **site** http.check `a` — every 30m, catch-up skip", "  - last: 2026-11-22T09:00Z done");

        Decision decision = plan.next(BACK, Map.of()).orElseThrow();

        assertThat(decision).isInstanceOf(Decision.SkipOnly.class);
        assertThat(decision.skipped()).hasSize(12);
        assertThat(((Decision.SkipOnly) decision).newest()).isEqualTo(at("2026-11-22T15:00:00Z"));
        assertThat(decision.skipped()).extracting(DueSlot::reason).containsOnly("older than one period", "catch-up skip")
                .last().isEqualTo("catch-up skip");
    }

    @Test
    void next_whenNothingIsDue_isEmpty() {
        HeartbeatPlan plan = plan("- **site** http.check `a` — every 30m", "  - last: 2026-11-22T15:00Z done");

        assertThat(plan.next(BACK, Map.of())).isEmpty();
    }
}
