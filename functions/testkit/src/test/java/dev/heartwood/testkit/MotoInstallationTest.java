package dev.heartwood.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the installer against stand-in interpreters: shell scripts that act out each outcome. */
class MotoInstallationTest {

    /** Creates a "venv" holding a copy of itself, whose "pip" then does what the test needs. */
    private static final String FAKE_PYTHON = """
            #!/bin/sh
            if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
              mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && exit 0
            fi
            %s
            """;

    @TempDir
    Path cache;

    @TempDir
    Path work;

    @Test
    void install_whenAVenvIsAlreadyThere_reusesItWithoutRunningPython() throws IOException {
        MotoInstallation installation = installation(work.resolve("no-such-python3").toString());
        Files.createDirectories(installation.server().getParent());
        Files.writeString(installation.server(), "#!/bin/sh\n");
        Files.writeString(installation.interpreter(), "#!/bin/sh\n");

        assertThat(installation.install()).isEqualTo(cache.resolve("heartwood/moto-9.9.9"));
    }

    @Test
    void install_whenPythonIsMissing_saysToInstallPythonOrSetAnEndpoint() {
        MotoInstallation installation = installation(work.resolve("no-such-python3").toString());

        assertThatThrownBy(installation::install)
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("moto could not be installed")
                .hasMessageContaining("no-such-python3")
                .hasMessageContaining("Install Python 3 with venv")
                .hasMessageContaining("set AWS_ENDPOINT_URL");
        assertThat(entries(cache.resolve("heartwood"))).isEmpty();
    }

    @Test
    void install_whenVenvCannotBeCreated_showsPythonsOwnErrorAndLeavesNothingBehind() throws IOException {
        Path python = script("python3", """
                #!/bin/sh
                echo "The virtual environment was not created successfully because ensurepip is not available." >&2
                exit 1
                """);

        assertThatThrownBy(installation(python.toString())::install)
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("-m venv` failed with exit code 1")
                .hasMessageContaining("ensurepip is not available")
                .hasMessageContaining("Install Python 3 with venv");
        assertThat(entries(cache.resolve("heartwood"))).isEmpty();
    }

    @Test
    void install_whenPipFails_showsPipsErrorAndLeavesNoHalfVenv() throws IOException {
        Path python = script("python3", FAKE_PYTHON.formatted("""
                echo "ERROR: No matching distribution found for moto[server]==9.9.9" >&2
                exit 1
                """));

        assertThatThrownBy(installation(python.toString())::install)
                .isInstanceOf(EmulatorUnavailableException.class)
                .hasMessageContaining("pip install moto[server]==9.9.9` failed with exit code 1")
                .hasMessageContaining("No matching distribution found for moto[server]==9.9.9");
        assertThat(entries(cache.resolve("heartwood"))).isEmpty();
    }

    @Test
    void install_whenPipSucceeds_publishesTheVenvUnderItsFinalName() throws IOException {
        Path python = script("python3", FAKE_PYTHON.formatted("""
                [ "$1 $2 $3" = "-m pip install" ] || exit 9
                touch "$(dirname "$0")/moto_server"
                """));
        MotoInstallation installation = installation(python.toString());

        Path venv = installation.install();

        assertThat(venv).isEqualTo(cache.resolve("heartwood/moto-9.9.9"));
        assertThat(installation.server()).isRegularFile();
        assertThat(entries(cache.resolve("heartwood"))).containsExactly(venv);
    }

    private MotoInstallation installation(String python) {
        return new MotoInstallation(cache, "9.9.9", python, work.resolve("logs/moto-install.log"));
    }

    private Path script(String name, String content) throws IOException {
        Path script = work.resolve(name);
        Files.writeString(script, content);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<Path> entries(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
