package dev.heartwood.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueAgentTest {

    private static final AgentId AGENT = AgentId.of("agent-7f3a");

    @ParameterizedTest(name = "wake {0}, every {1}, now {2} -> {3}")
    @CsvSource({
            // not yet due: the wake itself
            "2026-03-01T09:00:00Z, PT15M, 2026-03-01T08:59:59.999Z, 2026-03-01T09:00:00Z",
            // due exactly at the wake: the slot after it, never the same one
            "2026-03-01T09:00:00Z, PT15M, 2026-03-01T09:00:00Z,      2026-03-01T09:15:00Z",
            "2026-03-01T09:00:00Z, PT15M, 2026-03-01T09:14:59.999Z, 2026-03-01T09:15:00Z",
            "2026-03-01T09:00:00Z, PT15M, 2026-03-01T09:15:00Z,      2026-03-01T09:30:00Z",
            // an outage of three days: one slot after now, the missed ones skipped
            "2026-03-01T09:00:00Z, PT15M, 2026-03-04T10:07:30Z,      2026-03-04T10:15:00Z",
            "2026-03-01T09:00:07Z, PT24H, 2026-03-03T09:00:06Z,      2026-03-03T09:00:07Z",
    })
    void nextAfter_isTheFirstSlotStrictlyAfterNow(Instant wake, Duration every, Instant now, Instant expected) {
        assertThat(new DueAgent(AGENT, wake, every).nextAfter(now)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "every {0}")
    @CsvSource({"PT59S", "PT0S", "PT-15M", "PT1M0.5S"})
    void every_underAMinuteOrWithFractions_isRefused(Duration every) {
        assertThatThrownBy(() -> new DueAgent(AGENT, Instant.parse("2026-03-01T09:00:00Z"), every))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("every:");
    }

    @ParameterizedTest(name = "wake {0}")
    @CsvSource({"2026-03-01T09:00:00.001Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void nextWake_withFractionsOrOutsideTheRange_isRefused(Instant wake) {
        assertThatThrownBy(() -> new DueAgent(AGENT, wake, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("nextWake:");
    }

    @ParameterizedTest(name = "wake {0}")
    @CsvSource({"2026-03-01T09:00:00Z", "2026-03-01T09:00:00.999999999Z"})
    void of_cutsTheFirstWakeToTheSecond(Instant firstWake) {
        assertThat(DueAgent.of(AGENT, Duration.ofMinutes(15), firstWake).nextWake())
                .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    }
}
