package dev.heartwood.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoreNamesTest {

    @ParameterizedTest
    @CsvSource({
            "MEMORY_BUCKET, acme-memory",
            "BACKUP_BUCKET, acme-backups",
            "MESSAGES_TABLE, acme-agent_messages",
            "CONTROL_TABLE, acme-control",
            "HEARTBEAT_QUEUE, acme-heartbeat.fifo",
            "DEAD_LETTER_QUEUE, acme-heartbeat-dlq.fifo"})
    void nameOf_whenPrefixed_namesEveryStore(StoreRole role, String expected) {
        assertThat(StoreNames.withPrefix("acme").nameOf(role)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "heartwood", "prod-eu-1", "0agent9"})
    void withPrefix_whenValid_accepts(String prefix) {
        assertThat(StoreNames.withPrefix(prefix).prefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Heartwood", "-lead", "trail-", "under_score", "dots.here", "two--hyphens", "spa ce",
            "a-prefix-that-is-far-too-long-for-a-bucket-name"})
    void withPrefix_whenInvalid_namesThePrefixAndTheRule(String prefix) {
        assertThatThrownBy(() -> StoreNames.withPrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + prefix + "'")
                .hasMessageContaining("lowercase letters, digits");
    }

    @org.junit.jupiter.api.Test
    void withPrefix_whenEmpty_saysSo() {
        assertThatThrownBy(() -> StoreNames.withPrefix("")).hasMessageContaining("prefix is empty");
    }
}
