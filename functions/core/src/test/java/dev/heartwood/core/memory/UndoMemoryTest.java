package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UndoMemoryTest {

    private final AgentId agent = AgentId.of("agent-7f3a");
    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final UndoMemory undo = new UndoMemory(store);

    @Test
    void run_restoresThePreviousVersionAsANewOne() {
        Version v1 = store.write(agent, MemoryPath.MEMORY, "good", new WriteCondition.CreateOnly());
        store.write(agent, MemoryPath.MEMORY, "oops", new WriteCondition.IfUnchanged(v1));

        UndoMemory.Undone undone = undo.run(agent, MemoryPath.MEMORY, Optional.empty());

        assertThat(undone.restored()).isEqualTo(v1);
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().content()).isEqualTo("good");
        assertThat(store.history(agent, MemoryPath.MEMORY)).hasSize(3);
    }

    @Test
    void run_afterADelete_bringsTheFileBack() {
        store.write(agent, MemoryPath.SOUL, "soul", new WriteCondition.CreateOnly());
        store.delete(agent, MemoryPath.SOUL);

        undo.run(agent, MemoryPath.SOUL, Optional.empty());

        assertThat(store.read(agent, MemoryPath.SOUL).orElseThrow().content()).isEqualTo("soul");
    }

    @Test
    void run_toAChosenVersion_restoresThatOne() {
        Version v1 = store.write(agent, MemoryPath.USER, "one", new WriteCondition.CreateOnly());
        Version v2 = store.write(agent, MemoryPath.USER, "two", new WriteCondition.IfUnchanged(v1));
        store.write(agent, MemoryPath.USER, "three", new WriteCondition.IfUnchanged(v2));

        undo.run(agent, MemoryPath.USER, Optional.of(v1));

        assertThat(store.read(agent, MemoryPath.USER).orElseThrow().content()).isEqualTo("one");
    }

    @Test
    void run_whenNothingEarlier_saysSo() {
        store.write(agent, MemoryPath.TOOLS, "only", new WriteCondition.CreateOnly());

        assertThatThrownBy(() -> undo.run(agent, MemoryPath.TOOLS, Optional.empty()))
                .hasMessageContaining("has no earlier version");
        assertThatThrownBy(() -> undo.run(agent, MemoryPath.AGENTS, Optional.empty()))
                .hasMessageContaining("has no history");
        assertThatThrownBy(() -> undo.run(agent, MemoryPath.TOOLS, Optional.of(Version.of("nope"))))
                .hasMessageContaining("has no version nope");
    }
}
