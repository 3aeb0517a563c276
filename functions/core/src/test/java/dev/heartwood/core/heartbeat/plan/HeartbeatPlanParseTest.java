package dev.heartwood.core.heartbeat.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.SeedMemory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeartbeatPlanParseTest {

    private static final Set<String> KINDS = HeartbeatPlan.BUILT_IN_KINDS;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String CADENCES = "every <n>m|h, hourly, daily HH:MM [zone], weekly <day> HH:MM [zone]"
            + " or cron \"m h dom mon dow\" [zone]";

    private static String checks(String... items) {
        return "# Heartbeat\n\n## Periodic checks\n\n" + String.join("\n", items) + "\n";
    }

    static Iterable<Arguments> cadences() {
        return java.util.List.of(
                Arguments.of("every 30m", new Cadence.Every(Duration.ofMinutes(30))),
                Arguments.of("every 2h", new Cadence.Every(Duration.ofHours(2))),
                Arguments.of("hourly", new Cadence.Every(Duration.ofHours(1))),
                Arguments.of("daily 09:00 Europe/Paris", new Cadence.Daily(LocalTime.of(9, 0), PARIS)),
                Arguments.of("daily 9:05", new Cadence.Daily(LocalTime.of(9, 5), ZoneOffset.UTC)),
                Arguments.of("weekly mon 09:00 Europe/Paris", new Cadence.Weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), PARIS)),
                Arguments.of("weekly Friday 17:30", new Cadence.Weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 30), ZoneOffset.UTC)),
                Arguments.of("cron \"*/15 8-18 * * 1-5\" Europe/Paris",
                        new Cadence.Cron(CronSchedule.parse("*/15 8-18 * * 1-5"), PARIS)),
                Arguments.of("cron \"0 8,12 * * *\"", new Cadence.Cron(CronSchedule.parse("0 8,12 * * *"), ZoneOffset.UTC)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cadences")
    void parse_whenCadenceIsWritten_readsIt(String text, Cadence expected) {
        HeartbeatPlan plan = HeartbeatPlan.parse(checks("- **check-site** http.check `https://example.com` — " + text), KINDS);

        PlannedTask task = plan.tasks().get(0);
        assertThat(task.cadence()).isEqualTo(expected);
        assertThat(task.id()).isEqualTo(TaskId.of("check-site"));
        assertThat(task.kind()).isEqualTo("http.check");
        assertThat(task.argument()).isEqualTo("https://example.com");
        assertThat(task.catchUp()).isEqualTo(CatchUp.DEFAULT);
        assertThat(task.line()).isEqualTo(5);
    }

    @Test
    void parse_whenFullScheduleIsGiven_readsCatchUpActiveHoursAndLastRun() {
        String markdown = checks(
                "- **check-site** http.check `https://example.com` — every 30m, catch-up all (max 2h), active 08:00-20:00 Europe/Paris",
                "  - last: 2026-11-22T09:00Z done — 200 in 120 ms",
                "  - a note of my own",
                "- **hello** relay.post Good morning — all of you — daily 09:00 Europe/Paris, active 22:00-06:00, catch-up skip",
                "- **tidy** memory.audit -- weekly sun 06:00");

        HeartbeatPlan plan = HeartbeatPlan.parse(markdown, KINDS);

        PlannedTask site = plan.tasks().get(0);
        assertThat(site.catchUp()).isEqualTo(new CatchUp(CatchUp.Policy.ALL, Duration.ofHours(2)));
        assertThat(site.activeHours()).isEqualTo(new ActiveHours(LocalTime.of(8, 0), LocalTime.of(20, 0), PARIS));
        assertThat(site.lastRun()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(site.lastOutcome()).isEqualTo("done");
        PlannedTask hello = plan.tasks().get(1);
        assertThat(hello.argument()).isEqualTo("Good morning — all of you");
        assertThat(hello.activeHours()).isEqualTo(new ActiveHours(LocalTime.of(22, 0), LocalTime.of(6, 0), PARIS));
        assertThat(hello.catchUp().policy()).isEqualTo(CatchUp.Policy.SKIP);
        assertThat(hello.line()).isEqualTo(8);
        PlannedTask tidy = plan.tasks().get(2);
        assertThat(tidy.argument()).isEmpty();
        assertThat(tidy.cadence()).isEqualTo(new Cadence.Weekly(DayOfWeek.SUNDAY, LocalTime.of(6, 0), ZoneOffset.UTC));
    }

    @Test
    void parse_whenTemplateIsSeededAndRaisedActionsAdded_readsThemAsNextActions() {
        String seeded = SeedMemory.template(MemoryPath.HEARTBEAT, AgentId.of("agent-7f3a"));
        assertThat(seeded).contains("## Ongoing projects", "## Periodic checks", "## Next actions");
        assertThat(HeartbeatPlan.parse(seeded, KINDS).tasks()).isEmpty();

        String raised = seeded.stripTrailing() + "\n- [ ] memory.compact: MEMORY.md is 41000 characters, over its budget of"
                + " 32000 (raised 2026-11-22)\n- [ ] memory.audit: review notes/a.md, not touched in 45 days\n"
                + "- [x] memory.audit: review notes/a.md, not touched in 45 days\n";
        HeartbeatPlan plan = HeartbeatPlan.parse(raised, KINDS);

        assertThat(plan.tasks()).extracting(PlannedTask::kind).containsExactly("memory.compact", "memory.audit", "memory.audit");
        assertThat(plan.tasks()).allMatch(PlannedTask::isNextAction);
        assertThat(plan.tasks().get(0).argument()).startsWith("MEMORY.md is 41000 characters");
        assertThat(plan.tasks().get(0).id().value()).matches("memory-compact-[0-9a-f]{8}");
        assertThat(plan.tasks().get(2).id().value()).isEqualTo(plan.tasks().get(1).id().value() + "-2");
        assertThat(plan.tasks()).extracting(PlannedTask::ticked).containsExactly(false, false, true);
    }

    @Test
    void parse_whenDocExampleIsGiven_readsEveryTaskAndIgnoresProse() throws Exception {
        String markdown = """
                # Heartbeat

                Notes to myself: *anything* outside the task lists is [left alone](https://example.com).

                - a list outside the sections is prose too

                ## Periodic checks

                - **check-site** http.check `https://example.com` — every 30m, catch-up once (max 2h), active 08:00-20:00 Europe/Paris
                  - last: 2026-11-22T09:00Z done — 200 in 120 ms

                ```
                - **in-code** http.check `x` — evry
                ```

                ### Sub-heading stays in the section

                - **quarter-hours** model.prompt `Anything new?` — cron "*/15 8-18 * * 1-5" Europe/Paris

                ## NEXT ACTIONS

                - [ ] **tell-ana** relay.post: The garden notes are in MEMORY.md
                1. [x] relay.inbox
                """;

        HeartbeatPlan plan = HeartbeatPlan.parse(markdown, KINDS);

        assertThat(plan.tasks()).extracting(t -> t.id().value())
                .containsExactly("check-site", "quarter-hours", "tell-ana", HeartbeatPlan.derivedId("relay.inbox", ""));
        assertThat(plan.tasks()).extracting(PlannedTask::line).containsExactly(9, 18, 22, 23);
        assertThat(plan.tasks().get(2).argument()).isEqualTo("The garden notes are in MEMORY.md");
        assertThat(plan.tasks().get(3).ticked()).isTrue();
    }

    @Test
    void parse_whenFormatDocExampleIsGiven_readsAllItsTasks() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/heartbeat-format.md"));
        String example = doc.substring(doc.indexOf("```markdown\n") + 12, doc.indexOf("```\n", doc.indexOf("```markdown\n") + 12));

        HeartbeatPlan plan = HeartbeatPlan.parse(example, KINDS);

        assertThat(plan.tasks()).extracting(t -> t.id().value()).startsWith("check-site", "morning-hello", "tidy-memory",
                "read-inbox", "quarter-hours", "garden-plan", "tell-ana").hasSize(9);
        assertThat(plan.tasks().get(3).kind()).isEqualTo("relay.inbox");
        assertThat(plan.tasks().get(8).lastOutcome()).isEqualTo("done");
    }

    @Test
    void parse_whenLinesEndInCrLf_readsTheSameTasksAndLines() {
        String markdown = checks("- **a** http.check `x` — every 30m", "  - last: 2026-11-22T09:00Z done").replace("\n", "\r\n");

        PlannedTask task = HeartbeatPlan.parse(markdown, KINDS).tasks().get(0);

        assertThat(task.line()).isEqualTo(5);
        assertThat(task.lastRun()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(task.lastOutcome()).isEqualTo("done");
    }

    static Iterable<Arguments> malformed() {
        String known = "expected one of http.check, memory.audit, memory.compact, model.prompt, relay.inbox, relay.post";
        return java.util.List.of(
                Arguments.of("- **a** http.check `x` — evry 30m",
                        "line 5: cadence 'evry 30m' not understood: expected " + CADENCES),
                Arguments.of("- **a** http.check `x` — daily 25:00",
                        "line 5: cadence 'daily 25:00' not understood: expected " + CADENCES),
                Arguments.of("- **a** http.check `x` — every 0m",
                        "line 5: cadence 'every 0m' not understood: expected " + CADENCES),
                Arguments.of("- **a** http.chek `x` — every 30m", "line 5: kind 'http.chek' is not known: " + known),
                Arguments.of("- **blog** Migrate the blog to Hugo — every 30m",
                        "line 5: kind 'Migrate' is not known: " + known),
                Arguments.of("- http.check `x` — every 30m", "line 5: a periodic task needs an id, so its runs stay its own"
                        + " when the text is edited: expected **some-id** before the kind"),
                Arguments.of("- **Check_Site** http.check `x` — every 30m",
                        "line 5: task id 'Check_Site' is not valid: expected 1-64 lowercase letters, digits or hyphens"),
                Arguments.of("- **a** http.check `x`", "line 5: task 'a' has no cadence: expected [**id**] kind argument"
                        + " — cadence, the cadence one of " + CADENCES),
                Arguments.of("- **a** http.check `x` — daily 09:00 Europe/Pariss",
                        "line 5: time zone 'Europe/Pariss' is not known: expected a region id like Europe/Paris, or UTC"),
                Arguments.of("- **a** http.check `x` — every 30m, catch-up sometimes",
                        "line 5: catch-up 'catch-up sometimes' not understood: expected catch-up once|all|skip [(max <n>m|h|d)]"),
                Arguments.of("- **a** http.check `x` — every 30m, active 8-20",
                        "line 5: active hours 'active 8-20' not understood: expected active HH:MM-HH:MM [zone]"),
                Arguments.of("- **a** http.check `x` — every 30m, twice", "line 5: 'twice' not understood: expected"
                        + " catch-up once|all|skip [(max <n>m|h|d)] or active HH:MM-HH:MM [zone]"),
                Arguments.of("- **a** http.check `x` — cron \"0 */15 * * * *\"", "line 5: cron \"0 */15 * * * *\" not"
                        + " understood: expected 5 fields (minute hour day-of-month month day-of-week), got 6"),
                Arguments.of("- **a** http.check `x` — cron \"61 * * * *\"", "line 5: cron \"61 * * * *\" not understood:"
                        + " minute '61' not understood: expected *, numbers 0-59, lists a,b, ranges a-b and steps */n"),
                Arguments.of("- **a** http.check `x` — cron \"0 0 30 2 *\"",
                        "line 5: cron \"0 0 30 2 *\" not understood: it never matches a day"),
                Arguments.of("- [ ] **a** http.check `x` — every 30m",
                        "line 5: a periodic task has no checkbox: expected [**id**] kind argument — cadence"),
                Arguments.of("- **a** http.check `x` — every 30m\n  - last: yesterday done", "line 6: last run"
                        + " 'last: yesterday done' not understood: expected last: yyyy-MM-ddTHH:mmZ <outcome> [— note]"),
                Arguments.of("-", "line 5: expected a task: [**id**] kind argument — cadence"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void parse_whenLineIsMalformed_namesTheLineAndWhatWasExpected(String item, String problem) {
        HeartbeatFormatException error = catchThrowableOfType(HeartbeatFormatException.class,
                () -> HeartbeatPlan.parse(checks(item), KINDS));

        assertThat(error.problems()).containsExactly(problem);
        assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessage(problem);
    }

    @Test
    void parse_whenSeveralLinesAreWrong_reportsEveryProblemAtOnceInLineOrder() {
        String markdown = checks(
                "- **a** http.check `x` — evry 30m",
                "- **b** http.check `x` — every 30m, active 25:00-26:00",
                "- **a** http.check `y` — hourly",
                "- **c** web.fetch `x` — hourly") + "\n## Next actions\n\n- memory.compact: too big\n- [ ] **c** relay.post hi\n";

        HeartbeatFormatException error = catchThrowableOfType(HeartbeatFormatException.class,
                () -> HeartbeatPlan.parse(markdown, Set.of("http.check", "relay.post")));

        assertThat(error.problems()).containsExactly(
                "line 5: cadence 'evry 30m' not understood: expected " + CADENCES,
                "line 6: active hours 'active 25:00-26:00' not understood: expected active HH:MM-HH:MM [zone]",
                "line 7: task id 'a' is already used on line 5",
                "line 8: kind 'web.fetch' is not known: expected one of http.check, relay.post",
                "line 12: a next action starts with a checkbox: expected - [ ] or - [x], then [**id**] kind argument",
                "line 13: task id 'c' is already used on line 8");
    }

    @Test
    void parse_whenIdIsUsedInTwoSections_reportsTheDuplicate() {
        String markdown = checks("- **ping** http.check `x` — hourly") + "\n## Next actions\n\n- [ ] **ping** relay.post hi\n";

        assertThatThrownBy(() -> HeartbeatPlan.parse(markdown, KINDS))
                .isInstanceOf(HeartbeatFormatException.class)
                .hasMessage("line 9: task id 'ping' is already used on line 5");
    }

    @Test
    void parse_whenAnExecutorRegistersANewKind_acceptsIt() {
        String markdown = checks("- **water** garden.water `bed 3` — daily 07:00");

        assertThatThrownBy(() -> HeartbeatPlan.parse(markdown, KINDS)).hasMessageContaining("kind 'garden.water' is not known");
        assertThat(HeartbeatPlan.parse(markdown, Set.of("garden.water")).tasks()).extracting(PlannedTask::kind)
                .containsExactly("garden.water");
    }
}
