package dev.heartwood.core.heartbeat.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.heartbeat.TaskId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatPlanRecordRunTest {

    private static final Instant NINE = Instant.parse("2026-11-22T09:00:00Z");

    private static final String FILE = """
            # Heartbeat

            Some *prose* with a [link](https://example.com "title") and `code`,\u0020\u0020
            trailing spaces and	a tab.

            ## Periodic checks

            - **check-site** http.check `https://example.com` — every 30m
            - **hello** relay.post hi — daily 09:00
              - last: 2026-11-21T09:00Z done — sent
              - my own note, **kept**

            ```sh
            - **not-a-task** http.check `x` — every 30m
            ```

            ## Next actions

            - [ ] relay.post: Tell Ana
            1. [ ] **numbered** relay.post hi
            """;

    @Test
    void recordRun_whenTaskHasNoLastLine_addsOneUnderItAndChangesNothingElse() {
        String after = HeartbeatPlan.recordRun(FILE, TaskId.of("check-site"), NINE, "done", "200 in\n120 ms");

        assertThat(after).isEqualTo(FILE.replace("every 30m\n- **hello**",
                "every 30m\n  - last: 2026-11-22T09:00Z done — 200 in 120 ms\n- **hello**"));
    }

    @Test
    void recordRun_whenTaskHasALastLine_replacesOnlyThatLine() {
        String after = HeartbeatPlan.recordRun(FILE, TaskId.of("hello"), Instant.parse("2026-11-22T09:00:30.250Z"),
                "failed", "relay said 503\r\nretrying");

        assertThat(after).isEqualTo(FILE.replace("  - last: 2026-11-21T09:00Z done — sent",
                "  - last: 2026-11-22T09:00:30Z failed — relay said 503 retrying"));
    }

    @Test
    void recordRun_whenNextActionIsDone_ticksItAndRecordsTheRun() {
        TaskId id = HeartbeatPlan.parse(FILE, HeartbeatPlan.BUILT_IN_KINDS).tasks().get(2).id();

        String after = HeartbeatPlan.recordRun(FILE, id, NINE, "done", "");

        assertThat(after).isEqualTo(FILE.replace("- [ ] relay.post: Tell Ana\n",
                "- [x] relay.post: Tell Ana\n  - last: 2026-11-22T09:00Z done\n"));
        assertThat(HeartbeatPlan.parse(after, HeartbeatPlan.BUILT_IN_KINDS).task(id).orElseThrow().ticked()).isTrue();
    }

    @Test
    void recordRun_whenNextActionFailed_leavesItUnticked() {
        String after = HeartbeatPlan.recordRun(FILE, TaskId.of("numbered"), NINE, "failed", "no relay");

        assertThat(after).isEqualTo(FILE.replace("1. [ ] **numbered** relay.post hi\n",
                "1. [ ] **numbered** relay.post hi\n   - last: 2026-11-22T09:00Z failed — no relay\n"));
    }

    @Test
    void recordRun_whenLinesEndInCrLf_keepsEveryCrLfAndAddsOne() {
        String crlf = FILE.replace("\n", "\r\n");

        String after = HeartbeatPlan.recordRun(crlf, TaskId.of("check-site"), NINE, "done", "ok");

        assertThat(after).isEqualTo(crlf.replace("every 30m\r\n- **hello**",
                "every 30m\r\n  - last: 2026-11-22T09:00Z done — ok\r\n- **hello**"));
    }

    @Test
    void recordRun_whenTaskIsTheUnterminatedLastLine_endsItAndAddsTheLastLine() {
        String file = "## Next actions\n\n- [ ] **bye** relay.post: see you";

        String after = HeartbeatPlan.recordRun(file, TaskId.of("bye"), NINE, "done", "sent");

        assertThat(after).isEqualTo("## Next actions\n\n- [x] **bye** relay.post: see you\n  - last: 2026-11-22T09:00Z done — sent");
    }

    @Test
    void recordRun_roundTrips_theRecordedSlotIsTheTasksLastRun() {
        String once = HeartbeatPlan.recordRun(FILE, TaskId.of("check-site"), NINE, "done", "a");
        String twice = HeartbeatPlan.recordRun(once, TaskId.of("check-site"), NINE.plusSeconds(1800), "done", "b");

        PlannedTask task = HeartbeatPlan.parse(twice, HeartbeatPlan.BUILT_IN_KINDS).task(TaskId.of("check-site")).orElseThrow();
        assertThat(task.lastRun()).isEqualTo(NINE.plusSeconds(1800));
        assertThat(twice).isEqualTo(FILE.replace("every 30m\n- **hello**",
                "every 30m\n  - last: 2026-11-22T09:30Z done — b\n- **hello**"));
    }

    @Test
    void recordRun_whenAnotherLineIsBroken_stillRecords() {
        String broken = FILE.replace("daily 09:00", "evry day");

        String after = HeartbeatPlan.recordRun(broken, TaskId.of("check-site"), NINE, "done", "");

        assertThat(after).isEqualTo(broken.replace("every 30m\n- **hello**", "every 30m\n  - last: 2026-11-22T09:00Z done\n- **hello**"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "not-a-task"})
    void recordRun_whenTaskIsNotInTheFile_refusesAndNamesIt(String id) {
        assertThatThrownBy(() -> HeartbeatPlan.recordRun(FILE, TaskId.of(id), NINE, "done", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task '" + id + "' is not in HEARTBEAT.md");
    }
}
