package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryConflictException;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.MemoryStoreContract;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMemoryStoreTest extends MemoryStoreContract {

    private static final MemoryPath DAILY = MemoryPath.dailyLog(LocalDate.of(2026, 11, 22));

    @TempDir
    Path home;

    @Override
    protected MemoryStore newStore() {
        return new FileMemoryStore(LocalHome.at(home));
    }

    private Path memory() {
        return LocalHome.at(home).store(StoreRole.MEMORY_BUCKET);
    }

    private Path current(MemoryPath path) {
        return memory().resolve("agents").resolve(agent.value()).resolve(path.value());
    }

    @Test
    void write_layout_isExactlyTheDocumentedOne() throws IOException {
        Version soul1 = store.write(agent, MemoryPath.SOUL, "one", new WriteCondition.CreateOnly());
        Version soul2 = store.write(agent, MemoryPath.SOUL, "two", new WriteCondition.IfUnchanged(soul1));
        Version daily = store.write(agent, DAILY, "- 09:00 woke up\n", new WriteCondition.CreateOnly());
        Version user = store.write(agent, MemoryPath.USER, "u", new WriteCondition.CreateOnly());
        store.delete(agent, MemoryPath.USER);
        Version userDeleted = store.history(agent, MemoryPath.USER).get(0).version();

        String a = agent.value();
        assertThat(List.of(soul1, soul2, daily, user, userDeleted)).extracting(Version::value)
                .allMatch(v -> v.matches("\\d{6}-[a-z0-9]{8}"));
        assertThat(soul1.value()).startsWith("000001-");
        assertThat(soul2.value()).startsWith("000002-");
        assertThat(userDeleted.value()).startsWith("000002-");
        assertThat(filesUnder(memory()).keySet()).containsExactlyInAnyOrder(
                "agents/" + a + "/SOUL.md",
                "agents/" + a + "/memory/2026-11-22.md",
                ".history/" + a + "/SOUL.md/.lock",
                ".history/" + a + "/SOUL.md/" + soul1 + ".md",
                ".history/" + a + "/SOUL.md/" + soul2 + ".md",
                ".history/" + a + "/memory/2026-11-22.md/.lock",
                ".history/" + a + "/memory/2026-11-22.md/" + daily + ".md",
                ".history/" + a + "/USER.md/.lock",
                ".history/" + a + "/USER.md/" + user + ".md",
                ".history/" + a + "/USER.md/" + userDeleted + ".deleted");
        Map<String, String> files = filesUnder(memory());
        assertThat(files.get("agents/" + a + "/SOUL.md")).isEqualTo("two");
        assertThat(files.get(".history/" + a + "/SOUL.md/" + soul1 + ".md")).isEqualTo("one");
        assertThat(files.get(".history/" + a + "/USER.md/" + userDeleted + ".deleted")).isEmpty();
    }

    @Test
    void write_filesAndFolders_areReadableByTheOwnerOnly() throws IOException {
        Version v1 = store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.SOUL, "s2", new WriteCondition.IfUnchanged(v1));
        store.write(agent, DAILY, "d", new WriteCondition.CreateOnly());
        store.delete(agent, DAILY);

        try (Stream<Path> all = Files.walk(memory())) {
            List<Path> paths = all.toList();
            assertThat(paths).hasSizeGreaterThan(10);
            for (Path path : paths) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                assertThat(mode).as(memory().relativize(path).toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void read_whenAWriteCrashedBeforeItsRename_returnsTheLastWholeVersion() throws IOException {
        Version v1 = store.write(agent, MemoryPath.MEMORY, "whole", new WriteCondition.CreateOnly());
        // What a write leaves when the process dies after writing its temporary file, before the rename.
        Files.writeString(current(MemoryPath.MEMORY).resolveSibling(".tmp-4711.part"), "half of a ne");

        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow())
                .extracting(MemoryFile::content, MemoryFile::version).containsExactly("whole", v1);
        assertThat(store.list(agent)).extracting(v -> v.path().value()).containsExactly("MEMORY.md");
        assertThat(store.history(agent, MemoryPath.MEMORY)).extracting(FileVersion::version).containsExactly(v1);
        Version v2 = store.write(agent, MemoryPath.MEMORY, "next", new WriteCondition.IfUnchanged(v1));
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().version()).isEqualTo(v2);
    }

    @Test
    void read_whenTheFileWasChangedOutsideTheStore_recordsItAsANewVersionThatOldWritersCannotOverwrite()
            throws IOException {
        Version v1 = store.write(agent, MemoryPath.HEARTBEAT, "- [ ] one\n", new WriteCondition.CreateOnly());
        // An edit by hand, or a write that crashed after its rename and before recording the version.
        Files.writeString(current(MemoryPath.HEARTBEAT), "- [ ] one\n- [ ] added by hand\n");

        MemoryFile edited = store.read(agent, MemoryPath.HEARTBEAT).orElseThrow();

        assertThat(edited.content()).isEqualTo("- [ ] one\n- [ ] added by hand\n");
        assertThat(edited.version()).isNotEqualTo(v1);
        assertThat(store.history(agent, MemoryPath.HEARTBEAT)).extracting(FileVersion::version)
                .containsExactly(edited.version(), v1);
        assertThatThrownBy(() -> store.write(agent, MemoryPath.HEARTBEAT, "- [x] one\n", new WriteCondition.IfUnchanged(v1)))
                .isInstanceOf(MemoryConflictException.class);
        assertThat(store.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content()).contains("added by hand");
    }

    @Test
    void write_whenTheFileWasRemovedOutsideTheStore_treatsItAsDeleted() throws IOException {
        Version v1 = store.write(agent, MemoryPath.TOOLS, "t", new WriteCondition.CreateOnly());
        Files.delete(current(MemoryPath.TOOLS));

        assertThatThrownBy(() -> store.write(agent, MemoryPath.TOOLS, "t2", new WriteCondition.IfUnchanged(v1)))
                .isInstanceOf(MemoryConflictException.class);
        assertThat(store.history(agent, MemoryPath.TOOLS)).extracting(FileVersion::deleted).containsExactly(true, false);
        store.write(agent, MemoryPath.TOOLS, "t3", new WriteCondition.CreateOnly());
    }

    @Test
    void read_whenTheFileIsNotUtf8_namesTheFile() throws IOException {
        store.write(agent, MemoryPath.USER, "u", new WriteCondition.CreateOnly());
        Files.write(current(MemoryPath.USER), new byte[] {'L', 'a', 't', 'i', 'n', '-', '1', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> store.read(agent, MemoryPath.USER))
                .isInstanceOf(MemoryException.class)
                .isNotInstanceOf(MemoryConflictException.class)
                .hasMessageContaining(current(MemoryPath.USER).toString())
                .hasMessageContaining("UTF-8")
                .hasMessageNotContaining("Latin-1");
    }

    @Test
    void list_skipsFilesThatAreNotMemory() throws IOException {
        store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());
        Files.writeString(current(MemoryPath.SOUL).resolveSibling("notes.txt"), "not markdown");
        Files.writeString(current(MemoryPath.SOUL).resolveSibling(".SOUL.md.swp"), "an editor's");

        assertThat(store.list(agent)).extracting(v -> v.path().value()).containsExactly("SOUL.md");
    }

    @Test
    void read_ofAVersionThatIsNotOneOfOurs_isEmpty() {
        store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());

        assertThat(store.read(agent, MemoryPath.SOUL, Version.of("../../../SOUL.md/.lock"))).isEmpty();
        assertThat(store.read(agent, MemoryPath.SOUL, Version.of("000001"))).isEmpty();
    }

    @Test
    void write_fromTwoProcessesAndThreads_neverLosesAnUpdate() throws Exception {
        MemoryPath log = DAILY;
        store.write(agent, log, "", new WriteCondition.CreateOnly());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> others = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            others.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Appender.class.getName(),
                    home.toString(), agent.value(), log.value(), "p" + p, "15")
                    .redirectErrorStream(true).start());
        }
        Appender.append(store, agent, log, "here", 15);
        for (Process other : others) {
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isZero();
        }

        assertThat(store.read(agent, log).orElseThrow().content().lines()).hasSize(45).doesNotHaveDuplicates();
        assertThat(store.history(agent, log)).hasSize(46);
    }

    /** Another process appending lines by read-modify-write, retrying when it loses. */
    static final class Appender {
        public static void main(String[] args) {
            append(new FileMemoryStore(LocalHome.at(Path.of(args[0]))), AgentId.of(args[1]), MemoryPath.of(args[2]), args[3],
                    Integer.parseInt(args[4]));
        }

        static void append(MemoryStore store, AgentId agent, MemoryPath path, String writer, int lines) {
            for (int i = 0; i < lines; i++) {
                while (true) {
                    MemoryFile current = store.read(agent, path).orElseThrow();
                    try {
                        store.write(agent, path, current.content() + writer + "-" + i + "\n",
                                new WriteCondition.IfUnchanged(current.version()));
                        break;
                    } catch (MemoryConflictException lost) {
                        Thread.onSpinWait();
                    }
                }
            }
        }
    }

    private static Map<String, String> filesUnder(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }
}
