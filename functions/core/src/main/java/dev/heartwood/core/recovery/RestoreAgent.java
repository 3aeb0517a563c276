package dev.heartwood.core.recovery;

import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings an agent back from a backup into another installation (another directory, bucket, table,
 * region or account). Everything is checked before anything is written: the manifest's signature
 * against keys the caller trusts, the archive's hash, the decryption, every entry's hash and the
 * Merkle root, the contents, that the target holds nothing else of the agent, and that the
 * target's vault holds the agent's current key or none. So a bad backup writes nothing.
 *
 * <p>The sent ledger: the relay's receipts say which messages went out, also after the backup was
 * made. A journaled message the relay already has is marked sent, never posted again; work left
 * unfinished is handed to the new installation's first heartbeat (its old fencing token is
 * dropped, since the new installation's leases count from one again).
 */
public final class RestoreAgent {

    /** What was restored, and whether the key still has to be imported. */
    public record Result(BackupManifest manifest, AgentPublicKey key, int memoryFiles, int chatRows, int journalEntries,
            int alreadySent, int toResume, boolean keyPresent) {
    }

    private final AgentStores target;
    private final Relay relay;

    /** @param relay asked for the agent's receipts (the sent ledger) */
    public RestoreAgent(AgentStores target, Relay relay) {
        this.target = Objects.requireNonNull(target, "target");
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    /**
     * @throws BackupRejectedException if the backup fails a check, naming it; nothing is written
     * @throws BackupException if the target already holds other data of the agent or another key; nothing is written
     */
    public Result run(byte[] manifestFile, byte[] archive, TrustedSigners trusted, AgeIdentity identity) {
        OpenedBackup opened = BackupArchive.open(manifestFile, archive, trusted, identity);
        AgentId agent = opened.manifest().agent();
        AgentSnapshot snapshot = AgentSnapshot.fromEntries(agent, opened.entries());
        AgentPublicKey key = currentKey(snapshot.keyLog());
        boolean keyPresent = checkVault(agent, key);
        checkTarget(snapshot);
        List<Journal.OpenEntry> journal = new ArrayList<>();
        int alreadySent = 0;
        int toResume = 0;
        Map<String, Receipt> receipts = new HashMap<>();
        relay.receipts(agent).orElse(List.of()).forEach(r -> receipts.put(r.messageId(), r));
        for (Journal.OpenEntry item : snapshot.journal()) {
            Journal.OpenEntry handed = handOver(item, receipts);
            if (handed.message().filter(OutboxMessage::sent).isPresent()) {
                alreadySent++;
            }
            if (handed.entry().status() == JournalEntry.Status.STARTED) {
                toResume++;
            }
            journal.add(handed);
        }
        writeKeyLog(snapshot.keyLog());
        snapshot.memory().forEach((path, content) -> writeMemory(agent, path, content));
        target.chat().restore(agent, snapshot.chat());
        target.journal().restore(journal);
        return new Result(opened.manifest(), key, snapshot.memory().size(), snapshot.chat().size(), journal.size(),
                alreadySent, toResume, keyPresent);
    }

    /** A message the relay has is sent, whatever the backup thought; open work loses its old lease's token. */
    private static Journal.OpenEntry handOver(Journal.OpenEntry item, Map<String, Receipt> receipts) {
        JournalEntry entry = item.entry();
        Optional<OutboxMessage> message = item.message();
        Receipt receipt = receipts.get(entry.messageId().value());
        if (receipt != null && message.isPresent() && !message.get().sent()) {
            message = Optional.of(new OutboxMessage(entry.agent(), entry.messageId(), message.get().body(), true,
                    receipt.sequence()));
            if (entry.status() == JournalEntry.Status.STARTED) {
                entry = new JournalEntry(entry.agent(), entry.task(), entry.slot(), entry.messageId(), JournalEntry.Status.DONE,
                        0, entry.startedAt(), "sent before the restore (relay receipt #" + receipt.sequence() + ")");
            }
        }
        if (entry.status() == JournalEntry.Status.STARTED) {
            entry = new JournalEntry(entry.agent(), entry.task(), entry.slot(), entry.messageId(), entry.status(), 0,
                    entry.startedAt(), entry.note());
        }
        return new Journal.OpenEntry(entry, message);
    }

    private static AgentPublicKey currentKey(KeyLog log) {
        AgentPublicKey genesis = log.genesisKey().orElseThrow(() -> new BackupRejectedException(
                BackupRejectedException.Reason.MALFORMED_ARCHIVE, "the key log has no genesis entry"));
        if (log.verify(genesis) instanceof KeyLog.Broken broken) {
            throw new BackupRejectedException(BackupRejectedException.Reason.MALFORMED_ARCHIVE,
                    "the key log is broken at entry " + broken.sequence() + ": " + broken.reason());
        }
        return log.currentKey().orElseThrow(() -> new BackupRejectedException(
                BackupRejectedException.Reason.MALFORMED_ARCHIVE, "the key log ends in a revocation: the agent has no key"));
    }

    private boolean checkVault(AgentId agent, AgentPublicKey expected) {
        Optional<AgentKey> present = target.keys().current(agent);
        if (present.isEmpty()) {
            return false;
        }
        try {
            if (!present.get().publicKey().equals(expected)) {
                throw new BackupException("agent " + agent + ": the vault of " + target.description() + " holds key "
                        + present.get().publicKey().did() + ", the backup's key log ends with " + expected.did()
                        + ": nothing restored");
            }
            return true;
        } finally {
            present.get().destroy();
        }
    }

    /** Empty, or holding exactly a part of this backup (a restore that stopped halfway). */
    private void checkTarget(AgentSnapshot snapshot) {
        AgentId agent = snapshot.agent();
        AgentSnapshot there = AgentSnapshot.read(target, agent);
        List<String> conflicts = new ArrayList<>();
        there.memory().forEach((path, content) -> {
            if (!content.equals(snapshot.memory().get(path))) {
                conflicts.add("memory file " + path);
            }
        });
        if (!snapshot.chat().containsAll(there.chat())) {
            conflicts.add("chat history (" + there.chat().size() + " rows)");
        }
        if (!snapshot.journal().stream().map(Journal.OpenEntry::entry).map(e -> e.task() + "@" + e.slot()).toList()
                .containsAll(there.journal().stream().map(Journal.OpenEntry::entry).map(e -> e.task() + "@" + e.slot()).toList())) {
            conflicts.add("journal");
        }
        List<KeyLogEntry> log = snapshot.keyLog().entries();
        List<KeyLogEntry> thereLog = there.keyLog().entries();
        if (thereLog.size() > log.size() || !log.subList(0, thereLog.size()).equals(thereLog)) {
            conflicts.add("key log");
        }
        if (!conflicts.isEmpty()) {
            throw new BackupException("agent " + agent + " already has other data in " + target.description() + ": "
                    + String.join(", ", conflicts) + ". Restore into an empty place; nothing restored");
        }
    }

    private void writeKeyLog(KeyLog log) {
        int present = target.keyLogs().read(log.agent()).entries().size();
        for (KeyLogEntry entry : log.entries().subList(present, log.entries().size())) {
            target.keyLogs().append(entry);
        }
    }

    private void writeMemory(AgentId agent, MemoryPath path, String content) {
        Optional<MemoryFile> present = target.memory().read(agent, path);
        if (present.isPresent()) {
            return;
        }
        target.memory().write(agent, path, content, new WriteCondition.CreateOnly());
    }
}
