package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.recovery.BackupStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBackupStoreTest extends BackupStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BackupStore newStore() {
        return new FileBackupStore(dir.resolve("backups"));
    }

    @Test
    void create_writesOneFilePerBackupUnderAgentAndTier() {
        String archive = name(agent, "hot", "20261122T090000Z", ".tar.age");

        store.create(archive, new byte[] {7});

        assertThat(dir.resolve("backups").resolve(archive)).hasBinaryContent(new byte[] {7});
        assertThat(store.describe()).isEqualTo("backup directory " + dir.resolve("backups").toAbsolutePath());
    }

    @Test
    void create_withANameThatLeavesTheDirectory_refusesAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> store.create("../" + agent + "/hot/escaped.tar.age", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not {agent}/{hot|cold}/{file}");

        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
