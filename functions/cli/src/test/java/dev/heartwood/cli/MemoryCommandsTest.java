package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** memory, chat and context on the embedded default, run in-process as a user would type them. */
class MemoryCommandsTest {

    @TempDir
    Path tmp;

    private InProcessCli.Run piped(String stdin, String... args) {
        return InProcessCli.run(Map.of("HEARTWOOD_HOME", tmp.resolve("home").toString(), "HEARTWOOD_PASSPHRASE", "pass"),
                stdin, args);
    }

    private InProcessCli.Run run(String... args) {
        return piped("", args);
    }

    @BeforeEach
    void init() {
        InProcessCli.Run init = run("init", "agent-7f3a");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("memory      seeded SOUL.md, IDENTITY.md");
    }

    @Test
    void ls_afterInit_showsTheSeededFiles() {
        assertThat(run("memory", "ls", "agent-7f3a").out()).contains("SOUL.md", "IDENTITY.md", "USER.md", "AGENTS.md",
                "TOOLS.md", "MEMORY.md", "HEARTBEAT.md");
        assertThat(run("memory", "cat", "agent-7f3a", "IDENTITY.md").out()).contains("**Name:** agent-7f3a");
    }

    @Test
    void write_thenCat_storesStdinWithSecretsRedacted() {
        String key = "AKIA" + "IOSFODNN7EXAMPLE";

        InProcessCli.Run write = piped("# Memory\nThe deploy key is " + key + "\n", "memory", "write", "agent-7f3a", "MEMORY.md");

        assertThat(write.code()).as(write.err()).isZero();
        assertThat(write.out()).contains("Wrote MEMORY.md of agent-7f3a", "1 secret redacted: aws-access-key");
        assertThat(run("memory", "cat", "agent-7f3a", "MEMORY.md").out())
                .contains("The deploy key is [redacted:aws-access-key]").doesNotContain(key);
    }

    @Test
    void historyAndUndo_bringBackEarlierContentAndDeletedFiles() {
        piped("first version\n", "memory", "write", "agent-7f3a", "USER.md");
        piped("second version\n", "memory", "write", "agent-7f3a", "USER.md");

        InProcessCli.Run history = run("memory", "history", "agent-7f3a", "USER.md");
        InProcessCli.Run undo = run("memory", "undo", "agent-7f3a", "USER.md");
        run("memory", "rm", "agent-7f3a", "USER.md");
        InProcessCli.Run catDeleted = run("memory", "cat", "agent-7f3a", "USER.md");
        run("memory", "undo", "agent-7f3a", "USER.md");

        assertThat(history.out().lines().filter(l -> !l.isBlank())).hasSize(3);
        assertThat(history.out()).contains("(current)");
        assertThat(undo.out()).startsWith("Restored USER.md of agent-7f3a to version");
        assertThat(catDeleted.code()).isEqualTo(1);
        assertThat(catDeleted.err()).contains("USER.md of agent-7f3a does not exist");
        assertThat(run("memory", "cat", "agent-7f3a", "USER.md").out()).isEqualTo("first version\n");
    }

    @Test
    void write_whenStaleVersionGiven_refusesAndKeepsTheFile() {
        String version = run("memory", "ls", "agent-7f3a").out().lines().filter(l -> l.startsWith("SOUL.md"))
                .findFirst().orElseThrow().replaceAll(".*\\s(\\S+)$", "$1");
        piped("mine\n", "memory", "write", "agent-7f3a", "SOUL.md", "--if-version", version);

        InProcessCli.Run stale = piped("theirs\n", "memory", "write", "agent-7f3a", "SOUL.md", "--if-version", version);

        assertThat(stale.code()).isEqualTo(1);
        assertThat(run("memory", "cat", "agent-7f3a", "SOUL.md").out()).isEqualTo("mine\n");
    }

    @Test
    void badNamesAndOversizedFiles_areRefusedWithTheReason() {
        InProcessCli.Run traversal = piped("x", "memory", "write", "agent-7f3a", "../../etc/passwd.md");
        InProcessCli.Run notMarkdown = run("memory", "cat", "agent-7f3a", "notes.txt");
        InProcessCli.Run oversized = piped("x".repeat(300 * 1024), "memory", "write", "agent-7f3a", "MEMORY.md");

        assertThat(traversal.code()).isEqualTo(2);
        assertThat(traversal.err()).contains("'..' would leave the agent's folder");
        assertThat(notMarkdown.err()).contains("only markdown files (.md) are memory");
        assertThat(oversized.code()).isEqualTo(2);
        assertThat(oversized.err()).contains("the limit is 262144");
        assertThat(tmp.resolve("home/etc")).doesNotExist();
    }

    @Test
    void chat_appendAndTail_shareOneHistoryAcrossChannelsAndStoreADeliveryOnce() {
        run("chat", "append", "agent-7f3a", "--channel", "telegram", "--text", "hello from the phone", "--delivery-id", "upd-1");
        run("chat", "append", "agent-7f3a", "--channel", "telegram", "--text", "hello from the phone", "--delivery-id", "upd-1");
        piped("from the terminal\n", "chat", "append", "agent-7f3a");
        run("chat", "append", "agent-7f3a", "--role", "tool", "--channel", "http", "--text", "line one\nline two\nline three");

        InProcessCli.Run tail = run("chat", "tail", "agent-7f3a", "-n", "10");

        assertThat(tail.out().lines().filter(l -> l.contains("@"))).hasSize(3);
        assertThat(tail.out()).contains("user@telegram: hello from the phone", "user@cli: from the terminal",
                "tool@http: tool http returned").doesNotContain("line two");
        assertThat(run("chat", "append", "agent-7f3a", "--role", "boss", "--text", "x").code()).isEqualTo(2);
    }

    @Test
    void context_printsEveryPartWithItsSizeFromOneReadWave() {
        run("chat", "append", "agent-7f3a", "--text", "what are we doing today?");

        InProcessCli.Run context = run("context", "agent-7f3a", "--sizes-only");

        assertThat(context.code()).as(context.err()).isZero();
        assertThat(context.out()).contains("11 storage reads in one wave", "SOUL.md", "IDENTITY.md", "HEARTBEAT.md",
                "chat (newest 1 rows)", "chars");
        assertThat(run("context", "agent-7f3a").out()).contains("## SOUL.md", "what are we doing today?");
    }

    @Test
    void memoryFiles_areStoredUnderTheHomeInTheDocumentedLayout() {
        assertThat(tmp.resolve("home/memory/agents/agent-7f3a/SOUL.md")).isRegularFile();
        assertThat(Files.isDirectory(tmp.resolve("home/memory/.history/agent-7f3a"))).isTrue();
    }
}
