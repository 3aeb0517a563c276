package dev.heartwood.core.runtime;

import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.identity.KeyLogStore;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.MemoryStore;
import java.util.Objects;

/**
 * Everything one installation keeps its agents in: the embedded default under a home directory,
 * or the AWS stores under a name prefix. Backup, restore and the drill move an agent between two
 * of these; every use case is built from one.
 *
 * @param description where the stores are, for reports and backup manifests (never a secret)
 */
public record AgentStores(String description, MemoryStore memory, ChatLog chat, LeaseStore leases, Journal journal,
        KeyVault keys, KeyLogStore keyLogs) {

    public AgentStores {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(keyLogs, "keyLogs");
    }
}
