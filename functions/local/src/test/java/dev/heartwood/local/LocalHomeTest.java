package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.bootstrap.StoreRole;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalHomeTest {

    @Test
    void defaultHome_whenHomeIsSet_isDotHeartwoodUnderIt() {
        assertThat(LocalHome.defaultHome(Map.of("HOME", "/srv/agent")).root()).isEqualTo(Path.of("/srv/agent/.heartwood"));
    }

    @Test
    void defaultHome_whenHomeIsUnset_fallsBackToTheJvmsUserHome() {
        assertThat(LocalHome.defaultHome(Map.of()).root())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".heartwood").toAbsolutePath());
    }

    @Test
    void store_isTheRolesDirectoryUnderTheRoot() {
        assertThat(LocalHome.at(Path.of("/data/h")).store(StoreRole.DEAD_LETTER_QUEUE)).isEqualTo(Path.of("/data/h/heartbeat-dlq"));
    }
}
