package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MemoryStore} promises, proven once per adapter. */
public abstract class MemoryStoreContract {

    protected MemoryStore store;
    protected AgentId agent;

    protected abstract MemoryStore newStore();

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpStore() {
        store = newStore();
        agent = newAgent();
    }

    @Test
    void read_whenMissing_isEmpty() {
        assertThat(store.read(agent, MemoryPath.SOUL)).isEmpty();
        assertThat(store.history(agent, MemoryPath.SOUL)).isEmpty();
        assertThat(store.list(agent)).isEmpty();
    }

    @Test
    void write_thenRead_returnsTheContentAndItsVersion() {
        Version version = store.write(agent, MemoryPath.SOUL, "# Soul\nKind, curious. ✓\n", new WriteCondition.CreateOnly());

        MemoryFile file = store.read(agent, MemoryPath.SOUL).orElseThrow();

        assertThat(file.content()).isEqualTo("# Soul\nKind, curious. ✓\n");
        assertThat(file.version()).isEqualTo(version);
        assertThat(file.path()).isEqualTo(MemoryPath.SOUL);
    }

    @Test
    void write_createOnly_whenTheFileExists_refusesAndKeepsIt() {
        store.write(agent, MemoryPath.USER, "first", new WriteCondition.CreateOnly());

        assertThatThrownBy(() -> store.write(agent, MemoryPath.USER, "second", new WriteCondition.CreateOnly()))
                .isInstanceOf(MemoryConflictException.class)
                .hasMessageContaining("USER.md");
        assertThat(store.read(agent, MemoryPath.USER).orElseThrow().content()).isEqualTo("first");
    }

    @Test
    void write_ifUnchanged_whenSomeoneWroteInBetween_refusesAndKeepsTheirUpdate() {
        Version read = store.write(agent, MemoryPath.MEMORY, "v1", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.MEMORY, "theirs", new WriteCondition.IfUnchanged(read));

        assertThatThrownBy(() -> store.write(agent, MemoryPath.MEMORY, "mine", new WriteCondition.IfUnchanged(read)))
                .isInstanceOf(MemoryConflictException.class);
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().content()).isEqualTo("theirs");
    }

    @Test
    void write_ifUnchanged_whenTheFileIsMissing_refuses() {
        Version version = store.write(agent, MemoryPath.TOOLS, "x", new WriteCondition.CreateOnly());
        store.delete(agent, MemoryPath.TOOLS);

        assertThatThrownBy(() -> store.write(agent, MemoryPath.TOOLS, "y", new WriteCondition.IfUnchanged(version)))
                .isInstanceOf(MemoryConflictException.class);
    }

    @Test
    void write_concurrentReadModifyWrite_neverLosesAnUpdate() throws Exception {
        MemoryPath log = MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22));
        store.write(agent, log, "", new WriteCondition.CreateOnly());
        int writers = 4;
        int linesEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < linesEach; i++) {
                        while (true) {
                            MemoryFile current = store.read(agent, log).orElseThrow();
                            try {
                                store.write(agent, log, current.content() + "w" + writer + "-" + i + "\n",
                                        new WriteCondition.IfUnchanged(current.version()));
                                break;
                            } catch (MemoryConflictException lost) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.read(agent, log).orElseThrow().content().lines()).hasSize(writers * linesEach);
    }

    @Test
    void history_listsEveryVersionNewestFirst_andEachStaysReadable() {
        Version v1 = store.write(agent, MemoryPath.MEMORY, "one", new WriteCondition.CreateOnly());
        Version v2 = store.write(agent, MemoryPath.MEMORY, "two", new WriteCondition.IfUnchanged(v1));
        Version v3 = store.write(agent, MemoryPath.MEMORY, "three", new WriteCondition.IfUnchanged(v2));

        List<FileVersion> history = store.history(agent, MemoryPath.MEMORY);

        assertThat(history).extracting(FileVersion::version).containsExactly(v3, v2, v1);
        assertThat(history).extracting(FileVersion::current).containsExactly(true, false, false);
        assertThat(store.read(agent, MemoryPath.MEMORY, v1).orElseThrow().content()).isEqualTo("one");
        assertThat(store.read(agent, MemoryPath.MEMORY, v2).orElseThrow().content()).isEqualTo("two");
    }

    @Test
    void delete_keepsTheHistorySoTheFileCanBeBroughtBack() {
        Version v1 = store.write(agent, MemoryPath.HEARTBEAT, "tasks", new WriteCondition.CreateOnly());

        store.delete(agent, MemoryPath.HEARTBEAT);
        store.delete(agent, MemoryPath.HEARTBEAT);

        assertThat(store.read(agent, MemoryPath.HEARTBEAT)).isEmpty();
        assertThat(store.list(agent)).isEmpty();
        assertThat(store.history(agent, MemoryPath.HEARTBEAT)).first().extracting(FileVersion::deleted).isEqualTo(true);
        assertThat(store.read(agent, MemoryPath.HEARTBEAT, v1).orElseThrow().content()).isEqualTo("tasks");
        store.write(agent, MemoryPath.HEARTBEAT, "tasks", new WriteCondition.CreateOnly());
        assertThat(store.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content()).isEqualTo("tasks");
    }

    @Test
    void list_showsCurrentFilesOfThisAgentOnly_sortedByPath() {
        store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 21)), "d", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.MEMORY, "m", new WriteCondition.CreateOnly());
        store.write(newAgent(), MemoryPath.SOUL, "other agent", new WriteCondition.CreateOnly());

        assertThat(store.list(agent)).extracting(v -> v.path().value())
                .containsExactly("MEMORY.md", "SOUL.md", "memory/2026-11-21.md");
        assertThat(store.list(agent)).allMatch(FileVersion::current);
    }

    @Test
    void read_ofAVersionOfAnotherFile_isEmpty() {
        Version soul = store.write(agent, MemoryPath.SOUL, "s", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.USER, "u", new WriteCondition.CreateOnly());

        assertThat(store.read(agent, MemoryPath.USER, soul)).isEmpty();
    }
}
