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

    /**
     * Deletes the whole home directory: keys, memory, chat, journal, backups kept inside it.
     *
     * @return a line saying what was removed
     */
    public static String destroy(LocalHome home) {
        try {
            long files;
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(home.root())) {
                files = walk.filter(java.nio.file.Files::isRegularFile).count();
            }
            AtomicFiles.deleteTree(home.root());
            return "deleted " + home.root() + " (" + files + " files)";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + home.root() + ": " + e.getMessage(), e);
        }
    }
}
