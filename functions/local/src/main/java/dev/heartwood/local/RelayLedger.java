package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback relay's durable record of each agent, under {@code {root}/{agent}/}: JSON lines,
 * each append forced to disk before the relay answers.
 */
final class RelayLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    RelayLedger(Path root) {
        this.root = root;
    }

    /** {@code messages.jsonl}: the agent's deliveries, repeats and the nonce of each post, oldest first. */
    List<JsonNode> messages(AgentId agent) {
        return read(file(agent, "messages.jsonl"));
    }

    void appendMessage(AgentId agent, JsonNode line) {
        append(file(agent, "messages.jsonl"), line);
    }

    private Path file(AgentId agent, String name) {
        return root.resolve(agent.value()).resolve(name);
    }

    private static List<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("relay ledger " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static void append(Path file, JsonNode line) {
        try {
            AtomicFiles.createPrivateDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((line.toString() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to relay ledger " + file + ": " + e.getMessage(), e);
        }
    }
}
