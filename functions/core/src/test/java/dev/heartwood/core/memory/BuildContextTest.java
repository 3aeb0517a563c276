package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BuildContextTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private final AgentId agent = AgentId.of("agent-7f3a");
    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final InMemoryChatLog chat = new InMemoryChatLog(CLOCK);

    private void write(MemoryPath path, String content) {
        store.write(agent, path, content, new WriteCondition.Unconditional());
    }

    private AgentContext build(ContextBudget budget) {
        return new BuildContext(store, chat, CLOCK, budget).run(agent);
    }

    @Test
    void run_issuesEveryReadInOneParallelWave() {
        write(MemoryPath.SOUL, "# Soul");
        store.readDelayMillis = 150;

        AgentContext context = build(ContextBudget.DEFAULT);

        assertThat(store.reads.get()).isEqualTo(10);
        assertThat(chat.reads.get()).isEqualTo(1);
        assertThat(store.maxInFlight.get()).as("memory reads in flight at the same time").isEqualTo(10);
        assertThat(context.storageReads()).isEqualTo(11);
    }

    @Test
    void run_withHugeHistory_makesTheSameRequestsAsWithATinyOne() {
        write(MemoryPath.SOUL, "# Soul");
        write(MemoryPath.dailyLog(TODAY), "- today");
        for (int i = 0; i < 10; i++) {
            chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "m" + i));
        }
        build(ContextBudget.DEFAULT);
        int smallStore = store.reads.getAndSet(0);
        int smallChat = chat.reads.getAndSet(0);
        for (int day = 1; day <= 1000; day++) {
            write(MemoryPath.dailyLog(TODAY.minusDays(day)), "- log of day " + day);
        }
        for (int i = 0; i < 100_000; i++) {
            chat.append(agent, NewChatRow.of(ChatRole.ASSISTANT, "telegram", "row " + i));
        }

        AgentContext big = build(ContextBudget.DEFAULT);

        assertThat(store.reads.get()).isEqualTo(smallStore);
        assertThat(chat.reads.get()).isEqualTo(smallChat);
        assertThat(big.parts()).anySatisfy(p -> assertThat(p.source()).isEqualTo("chat (newest 50 rows)"));
    }

    @Test
    void run_withinBudget_keepsEverythingAndSaysWhereItCameFrom() {
        write(MemoryPath.SOUL, "# Soul\ncurious");
        write(MemoryPath.IDENTITY, "# Identity\nagent-7f3a");
        write(MemoryPath.HEARTBEAT, "# Heartbeat\n- [ ] check the site");
        write(MemoryPath.dailyLog(TODAY.minusDays(1)), "- 09:00:00Z yesterday's note");
        chat.append(agent, NewChatRow.of(ChatRole.USER, "telegram", "hello"));

        AgentContext context = build(ContextBudget.DEFAULT);

        assertThat(context.parts()).extracting(ContextPart::source).containsExactly(
                "SOUL.md", "IDENTITY.md", "HEARTBEAT.md", "chat (newest 1 rows)", "memory/2026-11-21.md");
        assertThat(context.parts()).noneMatch(ContextPart::truncated);
        assertThat(context.text()).contains("## SOUL.md", "curious", "user@telegram: hello", "yesterday's note");
    }

    @Test
    void run_overBudget_neverCutsSoulOrIdentityAndSaysWhatWasLeftOut() {
        String soul = "# Soul\n" + "a line the agent must always see\n".repeat(40);
        write(MemoryPath.SOUL, soul);
        write(MemoryPath.IDENTITY, "# Identity\n" + "who it serves\n".repeat(40));
        write(MemoryPath.MEMORY, "# Memory\n" + "a long memory line\n".repeat(500));
        write(MemoryPath.dailyLog(TODAY), "- old entry\n".repeat(300) + "- newest entry\n");

        AgentContext context = build(new ContextBudget(1000, 50));

        ContextPart kept = context.parts().get(0);
        assertThat(kept.text()).isEqualTo(soul);
        assertThat(context.parts().get(1).truncated()).isFalse();
        ContextPart memory = context.parts().stream().filter(p -> p.source().equals("MEMORY.md")).findFirst().orElseThrow();
        assertThat(memory.truncated()).isTrue();
        assertThat(memory.text()).contains("[truncated:", "of MEMORY.md left out to fit the 1000-token context budget");
        assertThat(context.parts()).filteredOn(p -> p.source().startsWith("memory/2026-11-22"))
                .allSatisfy(p -> assertThat(p.text()).contains("left out"));
        assertThat(context.estimatedTokens()).isLessThanOrEqualTo(1000 + 200);
    }

    @Test
    void run_whenALogIsCut_keepsItsNewestLines() {
        write(MemoryPath.SOUL, "s");
        write(MemoryPath.IDENTITY, "i");
        write(MemoryPath.dailyLog(TODAY), "- old entry\n".repeat(2000) + "- newest entry\n");

        AgentContext context = build(new ContextBudget(1000, 50));

        ContextPart log = context.parts().stream().filter(p -> p.source().equals("memory/2026-11-22.md")).findFirst().orElseThrow();
        assertThat(log.truncated()).isTrue();
        assertThat(log.text()).startsWith("[truncated:").endsWith("- newest entry\n").contains("the oldest part was dropped");
    }
}
