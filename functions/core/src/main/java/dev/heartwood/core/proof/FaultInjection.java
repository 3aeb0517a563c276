package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wraps an installation's ports so that every heartbeat boundary passes a {@link Tripwire}, and
 * every write that returns normally is noted by a {@link Witness}: the same decorators serve the
 * in-process proof (a thrown fault) and the CLI's halt hook (a killed process). Reads pass through.
 */
public final class FaultInjection {

    private FaultInjection() {
    }

    /** The stores with lease, journal, memory and chat behind the tripwire; keys and key log untouched. */
    public static AgentStores stores(AgentStores stores, Tripwire tripwire, Witness witness) {
        return new AgentStores(stores.description(), new Memory(stores.memory(), tripwire, witness),
                new Chat(stores.chat(), tripwire, witness), new Leases(stores.leases(), tripwire),
                new Decisions(stores.journal(), tripwire, witness), stores.keys(), stores.keyLogs());
    }

    /** The relay with its posts behind the tripwire. */
    public static Relay relay(Relay relay, Tripwire tripwire, Witness witness) {
        return new Posts(relay, tripwire, witness);
    }

    private static <T> T pass(Tripwire tripwire, Boundary boundary, Supplier<T> call) {
        int hit = tripwire.before(boundary);
        T result = call.get();
        tripwire.after(boundary, hit);
        return result;
    }

    private static void pass(Tripwire tripwire, Boundary boundary, Runnable call) {
        pass(tripwire, boundary, () -> {
            call.run();
            return null;
        });
    }

    private record Leases(LeaseStore leases, Tripwire tripwire) implements LeaseStore {
        @Override
        public Optional<Lease> acquire(AgentId agent, String owner, Duration ttl) {
            return pass(tripwire, Boundary.LEASE, () -> leases.acquire(agent, owner, ttl));
        }

        @Override
        public void release(Lease lease) {
            pass(tripwire, Boundary.RELEASE, () -> leases.release(lease));
        }
    }

    /**
     * Keeps the port's default {@code finishReleasing} (finish, then release, each a boundary of its
     * own), so the proof crashes between the two even where an adapter makes them one atomic write:
     * the default has every crash point the atomic write has, and one more.
     */
    private record Decisions(Journal journal, Tripwire tripwire, Witness witness) implements Journal {
        @Override
        public List<OpenEntry> open(AgentId agent) {
            return journal.open(agent);
        }

        @Override
        public Optional<JournalEntry> find(AgentId agent, TaskId task, Instant slot) {
            return journal.find(agent, task, slot);
        }

        @Override
        public void start(JournalEntry entry, Optional<OutboxMessage> message) {
            pass(tripwire, message.isPresent() ? Boundary.OUTBOX : Boundary.JOURNAL, () -> journal.start(entry, message));
            witness.started(entry);
        }

        @Override
        public JournalEntry claim(JournalEntry entry, long fencingToken) {
            JournalEntry claimed = pass(tripwire, Boundary.JOURNAL, () -> journal.claim(entry, fencingToken));
            witness.started(claimed);
            return claimed;
        }

        @Override
        public void finish(JournalEntry finished, Optional<OutboxMessage> sent) {
            pass(tripwire, Boundary.JOURNAL_DONE, () -> journal.finish(finished, sent));
            witness.finished(finished);
        }

        @Override
        public List<OpenEntry> entries(AgentId agent) {
            return journal.entries(agent);
        }

        @Override
        public void restore(List<OpenEntry> entries) {
            journal.restore(entries);
        }
    }

    private record Memory(MemoryStore memory, Tripwire tripwire, Witness witness) implements MemoryStore {
        @Override
        public Optional<MemoryFile> read(AgentId agent, MemoryPath path) {
            return memory.read(agent, path);
        }

        @Override
        public Optional<MemoryFile> read(AgentId agent, MemoryPath path, Version version) {
            return memory.read(agent, path, version);
        }

        @Override
        public Version write(AgentId agent, MemoryPath path, String content, WriteCondition condition) {
            Version version = pass(tripwire, Boundary.MEMORY_WRITE, () -> memory.write(agent, path, content, condition));
            witness.memory(agent, path, version, content);
            return version;
        }

        @Override
        public List<FileVersion> list(AgentId agent) {
            return memory.list(agent);
        }

        @Override
        public List<FileVersion> history(AgentId agent, MemoryPath path) {
            return memory.history(agent, path);
        }

        @Override
        public void delete(AgentId agent, MemoryPath path) {
            pass(tripwire, Boundary.MEMORY_WRITE, () -> memory.delete(agent, path));
        }
    }

    private record Chat(ChatLog chat, Tripwire tripwire, Witness witness) implements ChatLog {
        @Override
        public ChatRow append(AgentId agent, NewChatRow row) {
            ChatRow appended = pass(tripwire, Boundary.CHAT_ROW, () -> chat.append(agent, row));
            witness.chat(appended);
            return appended;
        }

        @Override
        public List<ChatRow> newest(AgentId agent, int limit) {
            return chat.newest(agent, limit);
        }

        @Override
        public List<ChatRow> before(AgentId agent, RowId before, int limit) {
            return chat.before(agent, before, limit);
        }

        @Override
        public void delete(AgentId agent, RowId row) {
            chat.delete(agent, row);
        }

        @Override
        public void restore(AgentId agent, List<ChatRow> rows) {
            chat.restore(agent, rows);
        }
    }

    private record Posts(Relay relay, Tripwire tripwire, Witness witness) implements Relay {
        @Override
        public Challenge challenge(AgentId agent) {
            return relay.challenge(agent);
        }

        @Override
        public Registration register(KeyLog log, Challenge challenge, byte[] proof) {
            return relay.register(log, challenge, proof);
        }

        @Override
        public Registration rotate(KeyLogEntry rotation) {
            return relay.rotate(rotation);
        }

        @Override
        public Receipt post(HttpMessage request) {
            Receipt receipt = pass(tripwire, Boundary.RELAY_POST, () -> relay.post(request));
            witness.receipt(receipt);
            return receipt;
        }

        @Override
        public InboxPage inbox(HttpMessage signedRead) {
            return relay.inbox(signedRead);
        }

        @Override
        public Optional<List<Receipt>> receipts(AgentId agent) {
            return relay.receipts(agent);
        }
    }
}
