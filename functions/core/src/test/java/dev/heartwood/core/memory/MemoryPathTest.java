package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemoryPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"SOUL.md", "memory/2026-11-22.md", "notes/projects/garden.md", "a_b-c.d.md"})
    void of_whenValid_accepts(String value) {
        assertThat(MemoryPath.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "../SOUL.md                | '..' would leave the agent's folder",
            "../../etc/passwd.md       | '..' would leave the agent's folder",
            "memory/./x.md             | '.' would leave the agent's folder",
            "/etc/passwd.md            | absolute paths are not allowed",
            "C:\\\\agent\\\\SOUL.md    | absolute paths are not allowed",
            "notes.txt                 | only markdown files (.md) are memory",
            "a/b/c/d.md                | at most two folders deep",
            "memory//x.md              | each part must be letters, digits",
            ".hidden.md                | each part must be letters, digits",
            "with space.md             | each part must be letters, digits"})
    void of_whenInvalid_namesTheRule(String value, String rule) {
        assertThatThrownBy(() -> MemoryPath.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed: " + rule);
    }

    @Test
    void of_whenTooLongOrEmpty_saysSo() {
        assertThatThrownBy(() -> MemoryPath.of("a".repeat(300) + ".md")).hasMessageContaining("longer than 200 characters");
        assertThatThrownBy(() -> MemoryPath.of(" ")).hasMessageContaining("memory file name is empty");
    }

    @Test
    void dailyLog_isNamedByDayAndKnowsItsDay() {
        MemoryPath log = MemoryPath.dailyLog(LocalDate.of(2026, 11, 22));

        assertThat(log.value()).isEqualTo("memory/2026-11-22.md");
        assertThat(log.day()).contains(LocalDate.of(2026, 11, 22));
        assertThat(MemoryPath.MEMORY.day()).isEmpty();
    }
}
