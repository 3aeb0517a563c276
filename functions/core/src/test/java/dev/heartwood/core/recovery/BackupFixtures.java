package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogJson;
import java.time.Instant;
import java.util.List;

/** The entries of a small but real-shaped agent backup: memory, chat, control rows and the public identity. */
final class BackupFixtures {

    static final AgentId AGENT = AgentId.of("agent-7f3a");
    static final Instant CREATED = Instant.parse("2026-11-22T09:00:00Z");
    static final BackupMetadata METADATA = new BackupMetadata(AGENT, BackupTier.HOT, CREATED,
            "embedded /home/x/.heartwood");

    private BackupFixtures() {
    }

    static List<BackupEntry> entries(AgentKey key) {
        KeyLog log = KeyLog.empty(AGENT).append(KeyLog.genesis(AGENT, key, Instant.parse("2026-11-01T08:00:00Z")));
        return List.of(
                BackupEntry.of("memory/SOUL.md", "# Soul\n\nI keep the greenhouse watered and tell Ana when the tank runs low.\n"),
                BackupEntry.of("memory/MEMORY.md", "# Memory\n\n- Ana prefers messages before 9:00.\n- Tank sensor id: tank-3.\n"),
                BackupEntry.of("memory/HEARTBEAT.md", "# Heartbeat\n\n## Check the tank\n- every: 1h\n- task: http.check\n"),
                BackupEntry.of("memory/memory/2026-11-22.md", "# 2026-11-22\n\n08:00 tank at 41%.\n"),
                BackupEntry.of("chat/rows.jsonl", "{\"created_at\":\"2026-11-22T08:00:00Z#k2j4h5g6f7d8\",\"role\":\"user\","
                        + "\"channel\":\"telegram\",\"content\":\"how is the tank?\"}\n"),
                BackupEntry.of("control/journal.jsonl", "{\"agent\":\"agent-7f3a\",\"task\":\"check-the-tank\","
                        + "\"slot\":\"2026-11-22T08:00:00Z\",\"messageId\":\"hw-5b1c0e6f9a2d4c3b8e7f6a5d4c3b2a19\","
                        + "\"status\":\"DONE\",\"fencingToken\":3,\"startedAt\":\"2026-11-22T08:00:01Z\",\"note\":\"41%\"}\n"),
                BackupEntry.of("control/outbox.jsonl", "{\"messageId\":\"hw-5b1c0e6f9a2d4c3b8e7f6a5d4c3b2a19\","
                        + "\"body\":\"Tank at 41%.\",\"sent\":true,\"receiptSequence\":7}\n"),
                BackupEntry.of("identity/keylog.json", "[" + KeyLogJson.toJson(log.entries().get(0)) + "]\n"),
                BackupEntry.of("identity/public.pem", key.publicKey().pem()));
    }
}
