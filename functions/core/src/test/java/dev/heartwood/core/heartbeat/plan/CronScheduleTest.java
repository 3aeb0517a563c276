package dev.heartwood.core.heartbeat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            */15 * * * *     | 2026-11-22T09:07:00Z | 2026-11-22T09:15:00Z
            0 8,12 * * *     | 2026-11-22T08:00:00Z | 2026-11-22T12:00:00Z
            5/20 * * * *     | 2026-11-22T09:06:00Z | 2026-11-22T09:25:00Z
            0 9 * * 1-5      | 2026-11-20T09:00:00Z | 2026-11-23T09:00:00Z
            0 9 * * 0        | 2026-11-20T09:00:00Z | 2026-11-22T09:00:00Z
            0 9 * * 7        | 2026-11-20T09:00:00Z | 2026-11-22T09:00:00Z
            0 0 1 * 1        | 2026-11-20T09:00:00Z | 2026-11-23T00:00:00Z
            0 0 1 */3 *      | 2026-11-20T09:00:00Z | 2027-01-01T00:00:00Z
            0 0 29 2 *       | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z
            """)
    void after_findsTheNextMatchingMinute(String cron, Instant after, Instant expected) {
        CronSchedule schedule = CronSchedule.parse(cron);

        assertThat(schedule.after(after, ZoneOffset.UTC)).isEqualTo(expected);
        assertThat(schedule.atOrBefore(expected, ZoneOffset.UTC)).isEqualTo(expected);
        assertThat(schedule.atOrBefore(expected.minusSeconds(1), ZoneOffset.UTC)).isNotEqualTo(expected);
    }
}
