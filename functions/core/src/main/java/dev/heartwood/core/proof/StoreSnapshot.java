package dev.heartwood.core.proof;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.recovery.AgentSnapshot;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the stores hold of some agents, as lines to compare before and after: the
 * {@link AgentSnapshot} entries (memory, chat, journal with outbox, key log) by hash, every memory
 * version (so even a write of identical content shows), the vault's key, the relay's receipts
 * and the backups kept.
 */
record StoreSnapshot(List<String> lines) {

    StoreSnapshot {
        lines = List.copyOf(lines);
    }

    static StoreSnapshot of(AgentStores stores, Relay relay, BackupStore backups, List<AgentId> agents) {
        List<String> lines = new ArrayList<>();
        for (AgentId agent : agents) {
            AgentSnapshot.read(stores, agent).entries().forEach(e -> lines.add(agent + " " + e.path() + " " + e.sha256()));
            for (FileVersion file : stores.memory().list(agent)) {
                stores.memory().history(agent, file.path()).forEach(v -> lines.add(agent + " version " + v.path() + "@"
                        + v.version() + (v.deleted() ? " deleted" : "")));
            }
            Optional<AgentKey> key = stores.keys().current(agent);
            key.ifPresent(k -> {
                lines.add(agent + " key " + k.publicKey().did());
                k.destroy();
            });
            relay.receipts(agent).orElse(List.of()).forEach(r -> lines.add(agent + " receipt " + r.messageId() + " #"
                    + r.sequence()));
            backups.list(agent.value() + "/").forEach(name -> lines.add("backup " + name));
        }
        return new StoreSnapshot(lines);
    }

    /** How many lines changed, appeared or vanished. */
    int changesTo(StoreSnapshot after) {
        List<String> gone = new ArrayList<>(lines);
        after.lines.forEach(gone::remove);
        List<String> added = new ArrayList<>(after.lines);
        lines.forEach(added::remove);
        return gone.size() + added.size();
    }
}
