package dev.heartwood.lambda;

import dev.heartwood.core.heartbeat.InMemoryJournal;
import dev.heartwood.core.heartbeat.InMemoryLeaseStore;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.memory.InMemoryChatLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.recovery.RunBackup;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.local.FileBackupStore;
import dev.heartwood.local.FileKeyLogStore;
import dev.heartwood.local.FileKeyVault;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import dev.heartwood.local.LoopbackRelay;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Replaces LambdaWiring's RunBackup with the same use case on test stores, and holds what a test
 * needs to open the result: the age identity and the agent's public key.
 *
 * <p>Memory, chat, journal and leases are core's in-memory fakes. The key and the key log are the
 * embedded default's file adapters in a temporary home, because core's InMemoryKeyVault is
 * package-private and there is no in-memory key log; the backups land in a FileBackupStore there.
 * Apart from InMemoryWiring since these are not all in memory: the home is deleted at shutdown.
 */
@Singleton
class BackupWiring {

    static final AgentId AGENT = AgentId.of("agent-7f3a");

    /** Fixed, so archive names are known; backups are create-only, so each tier can be backed up once per app. */
    final Clock clock = Clock.fixed(InMemoryWiring.NOW, ZoneOffset.UTC);
    final AgeKeyPair operator = AgeKeyPair.generate();
    final InMemoryMemoryStore memory = new InMemoryMemoryStore();
    final LocalHome home;
    final FileBackupStore backups;
    final AgentPublicKey agentKey;
    private final AgentStores stores;

    BackupWiring() {
        try {
            home = LocalHome.at(Files.createTempDirectory("heartwood-backup-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stores = new AgentStores("test stores", memory, new InMemoryChatLog(clock), new InMemoryLeaseStore(clock),
                new InMemoryJournal(), new FileKeyVault(home, "a test passphrase"::toCharArray), new FileKeyLogStore(home));
        backups = FileBackupStore.in(home);
        // As `heartwood init` does: a key in the vault, the genesis entry in the key log, registered with a relay.
        agentKey = new InitAgent(stores.keys(), stores.keyLogs(), LoopbackRelay.in(home), clock).run(AGENT).key();
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    RunBackup runBackup() {
        return new RunBackup(stores, backups, List.of(operator.recipient()), Redactor.standard(),
                RunBackup.Retention.DEFAULT, clock);
    }

    @PreDestroy
    void deleteHome() {
        LocalStores.destroy(home);
    }
}
