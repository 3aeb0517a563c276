package dev.heartwood.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.memory.redaction.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Everything that writes memory or chat: size limits, redaction, daily-log appends, compaction notes. */
class WritePathTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:15:30Z"), ZoneOffset.UTC);
    private final AgentId agent = AgentId.of("agent-7f3a");
    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final InMemoryChatLog chat = new InMemoryChatLog(CLOCK);
    private final AgentKey key = AgentKey.generate();
    private final Redactor redactor = Redactor.standard().withCanaries(List.of("hunter2-telegram-token")).withAgentKey(key);
    private final MemoryLimits limits = new MemoryLimits(4096, 500);
    private final WriteMemory writeMemory = new WriteMemory(store, redactor, limits, CLOCK);

    /** One planted secret per detector type, built at run time so no secret-shaped text sits in the repo. */
    private List<String> plantedSecrets() {
        byte[] seed = key.seed();
        String jwtHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String jwtBody = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"123\",\"name\":\"x\"}".getBytes());
        return List.of(
                "AKIA" + "IOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY",
                "-----BEGIN " + "PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END " + "PRIVATE KEY-----",
                HexFormat.of().formatHex(seed),
                Base64.getEncoder().encodeToString(seed),
                "sk-" + "proj-" + "a".repeat(10) + "Zq81vN3xk29LmQpWz7TbYc4Dfe",
                "ghp_" + "1234567890abcdefghijKLMNOPQRSTuvwxyz",
                "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                jwtHeader + "." + jwtBody + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
                "hunter2-telegram-token");
    }

    @Test
    void writeMemory_plantedSecretsOfEveryKindNeverReachStorage() {
        String note = "# Memory\n\n" + String.join("\n", plantedSecrets().stream()
                .map(s -> "- found this lying around: api_key = " + s).toList()) + "\n";

        WriteMemory.Written written = writeMemory.run(agent, MemoryPath.MEMORY, note, new WriteCondition.CreateOnly());

        String stored = store.read(agent, MemoryPath.MEMORY).orElseThrow().content();
        for (String secret : plantedSecrets()) {
            assertThat(stored).doesNotContain(secret);
            assertThat(written.redactions()).doesNotContain(secret);
        }
        assertThat(stored).contains("[redacted:");
        assertThat(written.redactions()).contains("redacted");
    }

    @Test
    void appendChat_plantedSecretsNeverReachTheChatLog() {
        AppendChat append = new AppendChat(chat, redactor);

        for (String secret : plantedSecrets()) {
            append.run(agent, NewChatRow.of(ChatRole.USER, "telegram", "my token is " + secret + " thanks"));
        }

        List<ChatRow> rows = chat.newest(agent, 50);
        assertThat(rows).hasSize(plantedSecrets().size());
        for (String secret : plantedSecrets()) {
            assertThat(rows).noneMatch(row -> row.content().contains(secret));
        }
    }

    @Test
    void appendChat_toolResultsAreStoredAsAOneLineNote() {
        String result = "{\"status\":200,\"items\":[" + "{\"id\":1},".repeat(200) + "{\"id\":2}]}\nsecond line";

        ChatRow row = new AppendChat(chat, redactor).run(agent, NewChatRow.of(ChatRole.TOOL, "http-check", result));

        assertThat(row.content().lines()).hasSize(1);
        assertThat(row.content()).doesNotContain("second line").hasSizeLessThan(300);
    }

    @Test
    void appendChat_aCanaryCutByTheToolNotesExcerpt_leavesNoPieceOfIt() {
        String canary = "hunter2-telegram-token";
        for (int column = 50; column <= 80; column++) {
            String result = "a".repeat(column) + canary + "\nsecond line";

            ChatRow row = new AppendChat(chat, redactor).run(agent, NewChatRow.of(ChatRole.TOOL, "http-check", result));

            // Found by the proof (secrets, seed 2): the excerpt was cut before the canary was redacted.
            assertThat(row.content()).as("canary at column " + column).doesNotContain(canary.substring(0, 8));
        }
    }

    @Test
    void writeMemory_overTheSizeLimit_isRefusedAndNothingIsWritten() {
        String big = "x".repeat(5000);

        assertThatThrownBy(() -> writeMemory.run(agent, MemoryPath.USER, big, new WriteCondition.CreateOnly()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USER.md would be 5000 bytes; the limit is 4096");
        assertThat(store.read(agent, MemoryPath.USER)).isEmpty();
    }

    @Test
    void writeMemory_memoryOverBudget_raisesACompactTaskOnceAndKeepsTheFileWhole() {
        store.write(agent, MemoryPath.HEARTBEAT, SeedMemory.template(MemoryPath.HEARTBEAT, agent), new WriteCondition.CreateOnly());
        String longMemory = "# Memory\n" + "a fact worth keeping\n".repeat(40);

        WriteMemory.Written first = writeMemory.run(agent, MemoryPath.MEMORY, longMemory, new WriteCondition.CreateOnly());
        Version v = store.read(agent, MemoryPath.MEMORY).orElseThrow().version();
        WriteMemory.Written second = writeMemory.run(agent, MemoryPath.MEMORY, longMemory + "one more\n", new WriteCondition.IfUnchanged(v));

        String heartbeat = store.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content();
        assertThat(first.compactionRaised()).isTrue();
        assertThat(second.compactionRaised()).isFalse();
        assertThat(heartbeat.lines().filter(l -> l.startsWith("- [ ] memory.compact")).count()).isEqualTo(1);
        assertThat(heartbeat).contains("## Next actions\n\n- [ ] memory.compact: MEMORY.md is");
        assertThat(store.read(agent, MemoryPath.MEMORY).orElseThrow().content()).isEqualTo(longMemory + "one more\n");
    }

    @Test
    void appendDailyLog_concurrentWriters_loseNoLine() throws Exception {
        AppendDailyLog log = new AppendDailyLog(store, redactor, new MemoryLimits(256 * 1024, 500), CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 60; i++) {
            int n = i;
            pool.submit(() -> log.run(agent, "entry " + n));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        String content = store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content();
        assertThat(content).startsWith("# 2026-11-22\n\n");
        assertThat(content.lines().filter(l -> l.startsWith("- 10:15:30Z entry "))).hasSize(60);
    }

    @Test
    void appendDailyLog_afterPrefetch_appendsWithoutReadingAgain() {
        AppendDailyLog log = new AppendDailyLog(store, redactor, limits, CLOCK);
        log.run(agent, "first");
        CountingReads counting = new CountingReads(store);
        AppendDailyLog counted = new AppendDailyLog(counting, redactor, limits, CLOCK);

        AppendDailyLog.Prefetched prefetched = counted.prefetch(agent);
        counted.run(agent, "second", prefetched);

        assertThat(counting.reads).isEqualTo(1);
        assertThat(store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content())
                .contains("- 10:15:30Z first\n- 10:15:30Z second\n");
    }

    @Test
    void appendDailyLog_whenAnotherWriterAppendedSincePrefetch_losesNeitherLine() {
        AppendDailyLog log = new AppendDailyLog(store, redactor, limits, CLOCK);
        AppendDailyLog.Prefetched beforeAnyLog = log.prefetch(agent);
        log.run(agent, "from a webhook turn");

        log.run(agent, "from the heartbeat", beforeAnyLog);

        assertThat(store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content())
                .contains("from a webhook turn", "from the heartbeat");
    }

    @Test
    void appendDailyLog_withAnotherAgentsPrefetch_readsItsOwnLog() {
        AppendDailyLog log = new AppendDailyLog(store, redactor, limits, CLOCK);
        AgentId other = AgentId.of("agent-other");
        log.run(other, "the other agent's line");
        AppendDailyLog.Prefetched othersLog = log.prefetch(other);

        log.run(agent, "mine", othersLog);

        assertThat(store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content())
                .contains("mine").doesNotContain("the other agent's line");
    }

    /** Counts the reads of current files that reach the store. */
    private static final class CountingReads implements MemoryStore {

        private final MemoryStore store;
        int reads;

        CountingReads(MemoryStore store) {
            this.store = store;
        }

        @Override
        public java.util.Optional<MemoryFile> read(AgentId agent, MemoryPath path) {
            reads++;
            return store.read(agent, path);
        }

        @Override
        public java.util.Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version) {
            return store.read(agent, path, version);
        }

        @Override
        public Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
            return store.write(agent, path, content, condition);
        }

        @Override
        public List<FileVersion> list(AgentId agent) {
            return store.list(agent);
        }

        @Override
        public List<FileVersion> history(AgentId agent, MemoryPath path) {
            return store.history(agent, path);
        }

        @Override
        public void delete(AgentId agent, MemoryPath path) {
            store.delete(agent, path);
        }
    }

    @Test
    void appendDailyLog_redactsTheEntry() {
        new AppendDailyLog(store, redactor, limits, CLOCK).run(agent, "deployed with AKIA" + "IOSFODNN7EXAMPLE");

        assertThat(store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content())
                .doesNotContain("AKIA" + "IOSFODNN7EXAMPLE").contains("[redacted:aws-access-key]");
    }

    @Test
    void compactChat_summarizesRowsLeavingTheWindowOnceIntoSummaryAndDailyLog() {
        for (int i = 0; i < 30; i++) {
            chat.append(agent, NewChatRow.of(ChatRole.USER, "web", "message number " + i));
        }
        CompactChat compact = new CompactChat(chat, store, new AppendDailyLog(store, redactor, new MemoryLimits(256 * 1024, 500),
                CLOCK), ChatSummarizer.extractive(), 20);

        var first = compact.run(agent);
        var again = compact.run(agent);

        assertThat(first).isPresent();
        assertThat(first.get().rows()).isEqualTo(10);
        assertThat(again).isEmpty();
        String summary = store.read(agent, MemoryPath.CHAT_SUMMARY).orElseThrow().content();
        assertThat(summary).startsWith("<!-- summarized-through: ").contains("user@web: message number 0", "message number 9")
                .doesNotContain("message number 10");
        assertThat(store.read(agent, MemoryPath.dailyLog(java.time.LocalDate.of(2026, 11, 22))).orElseThrow().content())
                .contains("Chat summary, 10 messages leaving the context window", "message number 9");
        chat.append(agent, NewChatRow.of(ChatRole.ASSISTANT, "web", "reply"));
        assertThat(compact.run(agent).orElseThrow().rows()).isEqualTo(1);
    }

    @Test
    void seedMemory_writesTemplatesOnceAndNeverOverwrites() {
        store.write(agent, MemoryPath.SOUL, "my own soul", new WriteCondition.CreateOnly());

        SeedMemory.Seeded seeded = new SeedMemory(store).run(agent);
        SeedMemory.Seeded again = new SeedMemory(store).run(agent);

        assertThat(seeded.kept()).containsExactly(MemoryPath.SOUL);
        assertThat(seeded.created()).hasSize(6);
        assertThat(again.created()).isEmpty();
        assertThat(store.read(agent, MemoryPath.SOUL).orElseThrow().content()).isEqualTo("my own soul");
        assertThat(store.read(agent, MemoryPath.IDENTITY).orElseThrow().content()).contains("agent-7f3a").doesNotContain("{{agent}}");
        assertThat(store.read(agent, MemoryPath.HEARTBEAT).orElseThrow().content().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
}
