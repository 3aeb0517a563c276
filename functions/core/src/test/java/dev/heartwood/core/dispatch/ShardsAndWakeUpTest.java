package dev.heartwood.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardsAndWakeUpTest {


    @Test
    void shardOf_isTheCrc32OfTheIdModuloTheCount_soItNeverMovesBetweenReleases() {
        // zlib.crc32(b"agent-7f3a") == 3769996580 in any language: the shard must not depend on the JVM.
        assertThat(Shards.of(16).of(AgentId.of("agent-7f3a"))).isEqualTo(3769996580L % 16);
        assertThat(Shards.of(1).of(AgentId.of("agent-7f3a"))).isZero();
    }

    @Test
    void shardOf_spreadsAThousandAgentsOverEveryShard() {
        Shards shards = Shards.of(Shards.DEFAULT_COUNT);
        Map<Integer, Long> counts = IntStream.range(0, 1000).boxed()
                .collect(Collectors.groupingBy(i -> shards.of(AgentId.of("agent-" + i)), Collectors.counting()));

        assertThat(counts).hasSize(Shards.DEFAULT_COUNT).allSatisfy((shard, n) -> assertThat(n).isBetween(30L, 100L));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Shards.MAX_COUNT + 1})
    void shards_outsideOneToAHundred_areRefused(int count) {
        assertThatThrownBy(() -> Shards.of(count)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shards:");
    }

    @Test
    void deduplicationId_dependsOnAgentAndSlotOnly() {
        Instant slot = Instant.parse("2026-11-22T09:15:00Z");
        WakeUp first = new WakeUp(AgentId.of("agent-7f3a"), slot, "tick-1");

        assertThat(first.deduplicationId()).isEqualTo("agent-7f3a@2026-11-22T09:15:00Z")
                .isEqualTo(new WakeUp(AgentId.of("agent-7f3a"), slot, "tick-2").deduplicationId())
                .isNotEqualTo(new WakeUp(AgentId.of("agent-b21e"), slot, "tick-1").deduplicationId())
                .isNotEqualTo(new WakeUp(AgentId.of("agent-7f3a"), slot.plusSeconds(900), "tick-1").deduplicationId());
    }

    @ParameterizedTest
    @MethodSource("unusableExecutionIds")
    void executionId_thatIsNotPlainText_isRefused(String executionId) {
        assertThatThrownBy(() -> new WakeUp(AgentId.of("agent-7f3a"), Instant.EPOCH, executionId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("executionId:");
    }

    static Stream<String> unusableExecutionIds() {
        return Stream.of("", "tick 1", "tick\"1", "x".repeat(129));
    }
}
