package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.recovery.DrillReport;
import dev.heartwood.core.recovery.DrillSite;
import dev.heartwood.core.recovery.RunDrill;
import dev.heartwood.core.runtime.AgentStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration drill on two homes of the embedded default: it passes, and it notices when B is not A. */
class RunDrillTest {

    @TempDir
    Path dir;

    private final DrillClock clock = new DrillClock(Instant.parse("2026-11-22T09:10:00Z"));
    private final List<String> progress = new ArrayList<>();

    private DrillReport drill(AgentStores b) {
        LocalHome homeA = LocalHome.at(dir.resolve("a"));
        return drill(new DrillSite("A", RecoveryTest.stores(dir.resolve("a"), clock), () -> LocalStores.destroy(homeA)), b);
    }

    private DrillReport drill(DrillSite a, AgentStores b) {
        LoopbackRelay relay = new LoopbackRelay(dir.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
        return new RunDrill(a, new DrillSite("B", b, () -> "kept"), relay, relay.base(),
                new FileBackupStore(dir.resolve("backups")), clock, progress::add).run(AgentId.of("drill-agent"));
    }

    @Test
    void run_betweenTwoHomes_passesEveryCheckAndDestroysA() {
        DrillReport report = drill(RecoveryTest.stores(dir.resolve("b"), clock));

        assertThat(report.checks()).extracting(DrillReport.Check::name).contains("same public key and did:key",
                "memory Merkle root equal", "chat history equal", "pending task resumed unprompted, same message id",
                "relay accepted B's signed message without re-registration", "zero messages re-sent",
                "no private key material in the backup, the stores or the logs");
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(report.passed()).isTrue();
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("resumed digest"));
    }

    @Test
    void run_whenBLosesAChatRowOnRestore_failsTheChatCheck() {
        AgentStores honest = RecoveryTest.stores(dir.resolve("b"), clock);
        ChatLog lossy = new ChatLog() {
            @Override
            public ChatRow append(AgentId agent, NewChatRow row) {
                return honest.chat().append(agent, row);
            }

            @Override
            public List<ChatRow> newest(AgentId agent, int limit) {
                return honest.chat().newest(agent, limit);
            }

            @Override
            public List<ChatRow> before(AgentId agent, RowId before, int limit) {
                return honest.chat().before(agent, before, limit);
            }

            @Override
            public void delete(AgentId agent, RowId row) {
                honest.chat().delete(agent, row);
            }

            @Override
            public void restore(AgentId agent, List<ChatRow> rows) {
                honest.chat().restore(agent, rows.subList(0, rows.size() - 1));
            }
        };
        AgentStores b = new AgentStores(honest.description(), honest.memory(), lossy, honest.leases(), honest.journal(),
                honest.keys(), honest.keyLogs());

        DrillReport report = drill(b);

        assertThat(report.passed()).isFalse();
        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(DrillReport.Check::name)
                .containsExactly("chat history equal");
    }

    @Test
    void run_whenADestroyLeavesTheAgentBehind_failsTheDestroyCheck() {
        DrillSite survivor = new DrillSite("A", RecoveryTest.stores(dir.resolve("a"), clock), () -> "pretended to delete A");

        DrillReport report = drill(survivor, RecoveryTest.stores(dir.resolve("b"), clock));

        assertThat(report.checks()).filteredOn(c -> !c.passed()).extracting(DrillReport.Check::name)
                .containsExactly("A destroyed");
    }
}
