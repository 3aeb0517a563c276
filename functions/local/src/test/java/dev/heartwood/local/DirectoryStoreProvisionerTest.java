package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.BootstrapReport;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreProvisionerTest {

    @TempDir
    Path tmp;

    private final StorePlan plan = StorePlan.forInstallation(StoreNames.withPrefix(StoreNames.DEFAULT_PREFIX), 5);

    private BootstrapReport bootstrap(Path home) {
        var stores = new DirectoryStoreProvisioner(LocalHome.at(home));
        return new BootstrapStores(stores, stores, stores).run(plan, p -> { });
    }

    @Test
    void bootstrap_whenHomeIsMissing_createsTheWholeTreeOwnerOnly() throws IOException {
        Path home = tmp.resolve("nested/.heartwood");

        BootstrapReport report = bootstrap(home);

        assertThat(report.count(Provisioned.Change.CREATED)).isEqualTo(6);
        for (String dir : new String[] {"memory", "backups", "agent_messages", "control", "heartbeat", "heartbeat-dlq"}) {
            assertThat(home.resolve(dir)).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(dir))))
                    .isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void bootstrap_whenRunTwice_secondRunChangesNothingAndKeepsContent() throws IOException {
        Path home = tmp.resolve("home");
        bootstrap(home);
        Files.writeString(home.resolve("memory/SOUL.md"), "# Soul\n");

        BootstrapReport second = bootstrap(home);

        assertThat(second.changedNothing()).isTrue();
        assertThat(home.resolve("memory/SOUL.md")).hasContent("# Soul");
    }

    @Test
    void bootstrap_whenAFileSitsWhereAStoreGoes_failsNamingItAndTouchesNothing() throws IOException {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("control"), "not a directory");

        assertThatThrownBy(() -> bootstrap(home))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining("table heartwood-control")
                .hasMessageContaining(home.resolve("control") + " exists but is not a directory");
        assertThat(home.resolve("control")).hasContent("not a directory");
    }

    @Test
    void bootstrap_whenHomeCannotBeCreated_failsNamingThePathAndTheCause() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "plain file");

        assertThatThrownBy(() -> bootstrap(file.resolve("home")))
                .isInstanceOf(BootstrapException.class)
                .hasMessageStartingWith("bucket heartwood-memory: cannot create " + file.resolve("home/memory"))
                .hasMessageContaining(file.toString());
        assertThat(file).hasContent("plain file");
    }
}
