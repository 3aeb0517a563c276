package dev.heartwood.local;

import dev.heartwood.core.runtime.AgentStores;
import java.time.Clock;

/** The embedded default: every store as files under one home directory, the key in a passphrase-encrypted file. */
public final class LocalStores {

    private LocalStores() {
    }

    public static AgentStores in(LocalHome home, Passphrase passphrase, Clock clock) {
        return new AgentStores("embedded default at " + home.root(),
                new FileMemoryStore(home),
                new FileChatLog(home),
                new FileLeaseStore(home, clock),
                new FileJournal(home),
                new FileKeyVault(home, passphrase),
                new FileKeyLogStore(home));
    }
}
