package dev.heartwood.core.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.KeyLogJson;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.RowId;
import dev.heartwood.core.runtime.AgentStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a backup keeps of one agent, as it is in the stores: the current memory files, every
 * chat row, every journal entry with its outbox message, and the key log. Never the private key:
 * it has no place in here, and the key log holds public keys only.
 *
 * <p>As backup entries: {@code memory/{path}} per file, {@code chat/rows.jsonl},
 * {@code control/journal.jsonl}, {@code identity/keylog.jsonl} and {@code identity/public.pem}
 * (for a human; the key log is what is trusted). The same stores give the same entries, byte for
 * byte, so two snapshots compare by their digests.
 */
public record AgentSnapshot(AgentId agent, Map<MemoryPath, String> memory, List<ChatRow> chat,
        List<Journal.OpenEntry> journal, KeyLog keyLog) {

    static final String MEMORY_DIR = "memory/";
    static final String CHAT = "chat/rows.jsonl";
    static final String JOURNAL = "control/journal.jsonl";
    static final String KEY_LOG = "identity/keylog.jsonl";
    static final String PUBLIC_KEY = "identity/public.pem";

    private static final ObjectMapper JSON = new ObjectMapper();

    public AgentSnapshot {
        Objects.requireNonNull(agent, "agent");
        memory = java.util.Collections.unmodifiableMap(new TreeMap<>(memory));
        chat = List.copyOf(chat);
        journal = List.copyOf(journal);
        Objects.requireNonNull(keyLog, "keyLog");
    }

    /** Reads the agent from the stores: memory files in one listing plus one read each, chat and journal whole. */
    public static AgentSnapshot read(AgentStores stores, AgentId agent) {
        Map<MemoryPath, String> memory = new TreeMap<>();
        for (FileVersion file : stores.memory().list(agent)) {
            if (file.deleted()) {
                continue;
            }
            Optional<MemoryFile> current = stores.memory().read(agent, file.path());
            current.ifPresent(f -> memory.put(file.path(), f.content()));
        }
        return new AgentSnapshot(agent, memory, stores.chat().all(agent), stores.journal().entries(agent),
                stores.keyLogs().read(agent));
    }

    /** Whether the stores hold anything of the agent: a restore goes only into an empty place. */
    public boolean isEmpty() {
        return memory.isEmpty() && chat.isEmpty() && journal.isEmpty() && keyLog.entries().isEmpty();
    }

    /** The backup entries, sorted by path. */
    public List<BackupEntry> entries() {
        List<BackupEntry> entries = new ArrayList<>();
        memory.forEach((path, content) -> entries.add(BackupEntry.of(MEMORY_DIR + path.value(), content)));
        entries.add(BackupEntry.of(CHAT, lines(chat.stream().map(AgentSnapshot::chatJson).toList())));
        entries.add(BackupEntry.of(JOURNAL, lines(journal.stream().map(AgentSnapshot::journalJson).toList())));
        entries.add(BackupEntry.of(KEY_LOG, lines(keyLog.entries().stream().map(KeyLogJson::toJson).toList())));
        keyLog.currentKey().ifPresent(key -> entries.add(BackupEntry.of(PUBLIC_KEY, key.pem())));
        entries.sort(java.util.Comparator.comparing(BackupEntry::path));
        return List.copyOf(entries);
    }

    /** The Merkle root of the memory files alone: equal before a backup and after its restore. */
    public String memoryRoot() {
        return MerkleRoot.of(entries().stream().filter(e -> e.path().startsWith(MEMORY_DIR)).map(ManifestEntry::of).toList());
    }

    /** The SHA-256 of the chat history as backed up. */
    public String chatDigest() {
        return Sha256.hex(lines(chat.stream().map(AgentSnapshot::chatJson).toList()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a snapshot back from verified backup entries.
     *
     * @throws BackupRejectedException naming the entry and line that is not what a backup writes
     */
    public static AgentSnapshot fromEntries(AgentId agent, List<BackupEntry> entries) {
        Map<MemoryPath, String> memory = new TreeMap<>();
        List<ChatRow> chat = List.of();
        List<Journal.OpenEntry> journal = List.of();
        KeyLog keyLog = null;
        for (BackupEntry entry : entries) {
            String path = entry.path();
            String text = new String(entry.content(), StandardCharsets.UTF_8);
            try {
                if (path.startsWith(MEMORY_DIR)) {
                    memory.put(MemoryPath.of(path.substring(MEMORY_DIR.length())), text);
                } else if (path.equals(CHAT)) {
                    chat = parseLines(text, line -> chatRow(agent, line));
                } else if (path.equals(JOURNAL)) {
                    journal = parseLines(text, line -> journalEntry(agent, line));
                } else if (path.equals(KEY_LOG)) {
                    List<KeyLogEntry> log = KeyLogJson.parseAll(text.lines().filter(l -> !l.isBlank()).toList(), path);
                    keyLog = new KeyLog(agent, log);
                } else if (!path.equals(PUBLIC_KEY)) {
                    throw new IllegalArgumentException("a backup has no such entry");
                }
            } catch (RuntimeException malformed) {
                throw new BackupRejectedException(BackupRejectedException.Reason.MALFORMED_ARCHIVE,
                        "entry " + path + ": " + malformed.getMessage(), malformed);
            }
        }
        if (keyLog == null || keyLog.entries().isEmpty()) {
            throw new BackupRejectedException(BackupRejectedException.Reason.MALFORMED_ARCHIVE,
                    "the backup has no key log (" + KEY_LOG + "): it cannot say whose it is");
        }
        return new AgentSnapshot(agent, memory, chat, journal, keyLog);
    }

    private interface LineParser<T> {
        T parse(JsonNode line);
    }

    private static <T> List<T> parseLines(String text, LineParser<T> parser) {
        List<T> parsed = new ArrayList<>();
        int number = 0;
        for (String line : text.lines().toList()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                parsed.add(parser.parse(JSON.readTree(line)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " is not what a backup writes: " + e.getMessage(), e);
            }
        }
        return parsed;
    }

    private static String lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static String chatJson(ChatRow row) {
        ObjectNode node = JSON.createObjectNode().put("id", row.id().value())
                .put("role", row.role().name().toLowerCase(Locale.ROOT)).put("channel", row.channel())
                .put("content", row.content());
        if (row.deliveryId() != null) {
            node.put("deliveryId", row.deliveryId());
        }
        return node.toString();
    }

    private static ChatRow chatRow(AgentId agent, JsonNode node) {
        return new ChatRow(agent, RowId.parse(text(node, "id")), ChatRole.valueOf(text(node, "role").toUpperCase(Locale.ROOT)),
                text(node, "channel"), text(node, "content"), node.hasNonNull("deliveryId") ? node.get("deliveryId").asText() : null);
    }

    private static String journalJson(Journal.OpenEntry item) {
        JournalEntry entry = item.entry();
        ObjectNode node = JSON.createObjectNode().put("task", entry.task().value()).put("slot", entry.slot().toString())
                .put("messageId", entry.messageId().value()).put("status", entry.status().name())
                .put("fencingToken", entry.fencingToken()).put("startedAt", entry.startedAt().toString())
                .put("note", entry.note());
        item.message().ifPresent(m -> node.putObject("message").put("body", m.body()).put("sent", m.sent())
                .put("receiptSequence", m.receiptSequence()));
        return node.toString();
    }

    private static Journal.OpenEntry journalEntry(AgentId agent, JsonNode node) {
        JournalEntry entry = new JournalEntry(agent, TaskId.of(text(node, "task")), Instant.parse(text(node, "slot")),
                new MessageId(text(node, "messageId")), JournalEntry.Status.valueOf(text(node, "status")),
                node.path("fencingToken").asLong(), Instant.parse(text(node, "startedAt")), node.path("note").asText(""));
        JsonNode message = node.path("message");
        return new Journal.OpenEntry(entry, message.isObject()
                ? Optional.of(new OutboxMessage(agent, entry.messageId(), text(message, "body"), message.path("sent").asBoolean(),
                        message.path("receiptSequence").asLong()))
                : Optional.empty());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not text");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "AgentSnapshot[" + agent + ": " + memory.size() + " memory files, " + chat.size() + " chat rows, "
                + journal.size() + " journal entries, " + keyLog.entries().size() + " key log entries]";
    }
}
