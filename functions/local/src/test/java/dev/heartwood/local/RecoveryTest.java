package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.identity.transfer.ExportKey;
import dev.heartwood.core.identity.transfer.ImportKey;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.recovery.AgentSnapshot;
import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupRejectedException;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.recovery.RestoreAgent;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.recovery.SecretInBackupException;
import dev.heartwood.core.recovery.TrustedSigners;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup and restore between two homes on the embedded default's real adapters, and what a bad backup may never do. */
class RecoveryTest {

    @TempDir
    Path dir;

    private final AgentId agent = AgentId.of("agent-7f3a");
    private final DrillClock clock = new DrillClock(Instant.parse("2026-11-22T09:10:00Z"));
    private final AgeKeyPair backupKey = AgeKeyPair.generate();
    private AgentStores a;
    private AgentStores b;
    private LoopbackRelay relay;
    private FileBackupStore backups;
    private AgentPublicKey key;

    static AgentStores stores(Path home, Clock clock) {
        LocalHome local = LocalHome.at(home);
        return new AgentStores("embedded default at " + home, new FileMemoryStore(local), new FileChatLog(local),
                new FileLeaseStore(local, clock), new FileJournal(local), new FileKeyVault(local, "pass"::toCharArray, 10, clock),
                new FileKeyLogStore(local));
    }

    @BeforeEach
    void setUp() {
        a = stores(dir.resolve("a"), clock);
        b = stores(dir.resolve("b"), clock);
        relay = new LoopbackRelay(dir.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
        backups = new FileBackupStore(dir.resolve("backups"));
        new InitAgent(a.keys(), a.keyLogs(), relay, clock).run(agent);
        key = a.keyLogs().read(agent).requireCurrentKey();
        UseCases use = new UseCases(a, RuntimeSettings.DEFAULT, ModelClient.none(), clock);
        use.writeMemory(Redactor.standard()).run(agent, MemoryPath.USER, "# User\n\nAda, likes short notes.\n",
                new WriteCondition.Unconditional());
        use.writeMemory(Redactor.standard()).run(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n", new WriteCondition.Unconditional());
        use.appendChat(Redactor.standard()).run(agent, NewChatRow.of(ChatRole.USER, "web", "hi"));
        use.appendChat(Redactor.standard()).run(agent, new NewChatRow(ChatRole.USER, "telegram", "hello", "tg-1"));
    }

    private RunBackup backup(int keepHot) {
        return new RunBackup(a, backups, List.of(backupKey.recipient()), Redactor.standard(),
                new RunBackup.Retention(keepHot, 1), clock);
    }

    private RestoreAgent.Result restore(RunBackup.Result backup) {
        importKey();
        return new RestoreAgent(b, relay).run(backups.read(backup.manifestName()).orElseThrow(),
                backups.read(backup.archiveName()).orElseThrow(), TrustedSigners.keys(agent, List.of(key)), backupKey.identity());
    }

    private void importKey() {
        AgeKeyPair transfer = AgeKeyPair.generate();
        new ImportKey(b.keys()).run(agent, new ExportKey(a.keys(), clock).run(agent, List.of(transfer.recipient())),
                transfer.identity());
    }

    private HeartbeatOutcome heartbeat(AgentStores stores) {
        return new UseCases(stores, RuntimeSettings.DEFAULT, ModelClient.none(), clock)
                .runHeartbeat(Redactor.standard(), new Switchable(), relay.base(), "test").run(agent);
    }

    @Test
    void restore_intoAnotherHome_bringsBackMemoryChatJournalAndKeyLog() {
        assertThat(heartbeat(a)).isInstanceOf(HeartbeatOutcome.Done.class);
        AgentSnapshot before = AgentSnapshot.read(a, agent);

        RestoreAgent.Result restored = restore(backup(5).run(agent, BackupTier.HOT));

        AgentSnapshot after = AgentSnapshot.read(b, agent);
        assertThat(after.entries()).isEqualTo(before.entries());
        assertThat(after.memoryRoot()).isEqualTo(before.memoryRoot());
        assertThat(restored.keyPresent()).isTrue();
        assertThat(restored.key()).isEqualTo(key);
        assertThat(restored.chatRows()).isEqualTo(2);
        assertThat(b.chat().append(agent, new NewChatRow(ChatRole.USER, "telegram", "hello", "tg-1")).content())
                .as("a delivery seen before the backup is still deduplicated").isEqualTo("hello");
        assertThat(b.chat().all(agent)).hasSize(2);
    }

    @Test
    void restore_whenARelayPostWasLeftPending_handsItToTheNextHeartbeatWhichSendsItOnce() {
        relayDown(true);
        assertThat(heartbeat(a)).isInstanceOf(HeartbeatOutcome.Failed.class);
        relayDown(false);
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);

        RestoreAgent.Result restored = restore(backup);
        clock.advance(Duration.ofMinutes(2));
        HeartbeatOutcome inB = heartbeat(b);

        assertThat(restored.toResume()).isEqualTo(1);
        assertThat(inB).isInstanceOf(HeartbeatOutcome.Resumed.class);
        assertThat(relay.deliveredBodies(agent)).hasSize(1);
    }

    @Test
    void restore_whenThePendingPostReachedTheRelayAfterTheBackup_marksItSentAndNeverSendsItAgain() {
        relayDown(true);
        heartbeat(a);
        relayDown(false);
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);
        clock.advance(Duration.ofMinutes(1));
        assertThat(heartbeat(a)).as("A finishes the post after the backup").isInstanceOf(HeartbeatOutcome.Resumed.class);
        int postsBefore = relay.deliveredBodies(agent).size();

        RestoreAgent.Result restored = restore(backup);
        HeartbeatOutcome inB = heartbeat(b);

        assertThat(restored.alreadySent()).isEqualTo(1);
        assertThat(restored.toResume()).isZero();
        assertThat(b.journal().open(agent)).isEmpty();
        assertThat(b.journal().entries(agent)).singleElement().extracting(e -> e.entry().status())
                .isEqualTo(JournalEntry.Status.DONE);
        assertThat(inB).isNotInstanceOf(HeartbeatOutcome.Resumed.class);
        assertThat(relay.deliveredBodies(agent)).hasSize(postsBefore);
    }

    @Test
    void restore_ofATamperedArchive_isRejectedAndWritesNothing() {
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);
        byte[] archive = backups.read(backup.archiveName()).orElseThrow();
        archive[archive.length - 20] ^= 0x01;

        assertThatThrownBy(() -> new RestoreAgent(b, relay).run(backups.read(backup.manifestName()).orElseThrow(), archive,
                TrustedSigners.keys(agent, List.of(key)), backupKey.identity()))
                .isInstanceOf(BackupRejectedException.class)
                .extracting(e -> ((BackupRejectedException) e).reason())
                .isEqualTo(BackupRejectedException.Reason.ARCHIVE_HASH_MISMATCH);
        assertThat(AgentSnapshot.read(b, agent).isEmpty()).isTrue();
    }

    @Test
    void restore_withTheWrongIdentity_isRejectedAndWritesNothing() {
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);

        assertThatThrownBy(() -> new RestoreAgent(b, relay).run(backups.read(backup.manifestName()).orElseThrow(),
                backups.read(backup.archiveName()).orElseThrow(), TrustedSigners.keys(agent, List.of(key)),
                AgeKeyPair.generate().identity()))
                .isInstanceOf(BackupRejectedException.class)
                .extracting(e -> ((BackupRejectedException) e).reason())
                .isEqualTo(BackupRejectedException.Reason.WRONG_IDENTITY);
        assertThat(AgentSnapshot.read(b, agent).isEmpty()).isTrue();
    }

    @Test
    void restore_signedByAKeyNotTrusted_isRejectedAndWritesNothing() {
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);
        AgentPublicKey stranger = dev.heartwood.core.identity.AgentKey.generate().publicKey();

        assertThatThrownBy(() -> new RestoreAgent(b, relay).run(backups.read(backup.manifestName()).orElseThrow(),
                backups.read(backup.archiveName()).orElseThrow(), TrustedSigners.keys(agent, List.of(stranger)),
                backupKey.identity()))
                .isInstanceOf(BackupRejectedException.class)
                .extracting(e -> ((BackupRejectedException) e).reason())
                .isEqualTo(BackupRejectedException.Reason.UNKNOWN_SIGNING_KEY);
        assertThat(AgentSnapshot.read(b, agent).isEmpty()).isTrue();
    }

    @Test
    void restore_intoAHomeWithOtherDataOfTheAgent_refusesAndWritesNothing() {
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);
        b.memory().write(agent, MemoryPath.USER, "# User\n\nsomeone else\n", new WriteCondition.Unconditional());

        assertThatThrownBy(() -> restore(backup)).isInstanceOf(BackupException.class)
                .hasMessageContaining("already has other data").hasMessageContaining("memory file USER.md");
        assertThat(b.chat().all(agent)).isEmpty();
        assertThat(b.keyLogs().read(agent).entries()).isEmpty();
    }

    @Test
    void restore_runTwice_isHarmless() {
        RunBackup.Result backup = backup(5).run(agent, BackupTier.HOT);
        restore(backup);
        AgentSnapshot once = AgentSnapshot.read(b, agent);

        restore(backup);

        assertThat(AgentSnapshot.read(b, agent).entries()).isEqualTo(once.entries());
    }

    @Test
    void backup_keepsTheNewestPerTierAndPrunesTheRest() {
        RunBackup run = backup(2);
        List<RunBackup.Result> results = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(run.run(agent, BackupTier.HOT));
            clock.advance(Duration.ofHours(1));
        }

        assertThat(results.get(2).pruned()).containsExactly(results.get(0).manifestName());
        assertThat(backups.list(agent.value() + "/hot/")).containsExactlyInAnyOrder(results.get(1).archiveName(),
                results.get(1).manifestName(), results.get(2).archiveName(), results.get(2).manifestName());
    }

    @Test
    void backup_whenAStoreHoldsASecret_failsNamingTheEntryAndStoresNothing() {
        // Written past the redactor, as a bug or a hand edit could.
        a.memory().write(agent, MemoryPath.of("TOOLS.md"), "# Tools\n\naws_secret_access_key = "
                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", new WriteCondition.Unconditional());

        assertThatThrownBy(() -> backup(5).run(agent, BackupTier.HOT)).isInstanceOf(SecretInBackupException.class)
                .hasMessageContaining("memory/TOOLS.md").hasMessageNotContaining("wJalrXUtnFEMI");
        assertThat(backups.list("")).isEmpty();
    }

    private void relayDown(boolean down) {
        this.down = down;
    }

    private volatile boolean down;

    /** The loopback relay, unreachable for posts while {@code down}. */
    private final class Switchable implements dev.heartwood.core.relay.Relay {
        @Override
        public dev.heartwood.core.relay.Challenge challenge(AgentId id) {
            return relay.challenge(id);
        }

        @Override
        public dev.heartwood.core.relay.Registration register(dev.heartwood.core.identity.KeyLog log,
                dev.heartwood.core.relay.Challenge challenge, byte[] proof) {
            return relay.register(log, challenge, proof);
        }

        @Override
        public dev.heartwood.core.relay.Registration rotate(dev.heartwood.core.identity.KeyLogEntry rotation) {
            return relay.rotate(rotation);
        }

        @Override
        public dev.heartwood.core.relay.Receipt post(dev.heartwood.core.identity.signature.HttpMessage request) {
            if (down) {
                throw new dev.heartwood.core.relay.RelayRejectedException("relay unreachable (test)");
            }
            return relay.post(request);
        }

        @Override
        public dev.heartwood.core.relay.InboxPage inbox(dev.heartwood.core.identity.signature.HttpMessage signedRead) {
            return relay.inbox(signedRead);
        }

        @Override
        public java.util.Optional<List<dev.heartwood.core.relay.Receipt>> receipts(AgentId id) {
            return relay.receipts(id);
        }
    }
}
