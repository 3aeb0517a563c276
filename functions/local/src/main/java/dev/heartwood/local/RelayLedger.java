package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.InboxMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback relay's durable record of each agent, under {@code {root}/{agent}/}: JSON lines,
 * each write forced to disk before the relay answers. {@code messages.jsonl} is what the agent
 * posted, {@code inbox.jsonl} what others addressed to it, {@code read-nonces.jsonl} the nonces of
 * its recent inbox reads.
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

    /**
     * Appends the message to {@code inbox.jsonl} of {@code recipient} with the inbox's next
     * sequence, unless the inbox already holds it (same sender, same message id).
     */
    void deliverToInbox(AgentId recipient, AgentId from, String messageId, String body, Instant receivedAt) {
        Path file = file(recipient, "inbox.jsonl");
        List<JsonNode> inbox = read(file);
        boolean held = inbox.stream().anyMatch(line -> from.value().equals(line.path("from").asText())
                && messageId.equals(line.path("messageId").asText()));
        if (!held) {
            append(file, JSON.createObjectNode().put("sequence", inbox.size() + 1L).put("from", from.value())
                    .put("messageId", messageId).put("body", body).put("receivedAt", receivedAt.toString()));
        }
    }

    /** The agent's inbox messages after sequence {@code after}, oldest first, at most {@code limit}. */
    List<InboxMessage> inbox(AgentId agent, long after, int limit) {
        return read(file(agent, "inbox.jsonl")).stream().filter(line -> line.path("sequence").asLong() > after)
                .limit(limit)
                .map(line -> new InboxMessage(line.path("sequence").asLong(), AgentId.of(line.path("from").asText()),
                        line.path("messageId").asText(), line.path("body").asText(),
                        Instant.parse(line.path("receivedAt").asText())))
                .toList();
    }

    /**
     * Records the nonce of one of the agent's inbox reads in {@code read-nonces.jsonl}, which is
     * rewritten whole without the nonces whose signatures have expired: those could not be
     * replayed anyway, and so the file stays as small as the reads of the last hour.
     *
     * @return false if the nonce is recorded already: the read is a replay
     */
    boolean claimReadNonce(AgentId agent, String nonce, Instant expires, Instant now) {
        Path file = file(agent, "read-nonces.jsonl");
        List<JsonNode> live = read(file).stream()
                .filter(line -> !now.isAfter(Instant.parse(line.path("expires").asText()))).toList();
        if (live.stream().anyMatch(line -> nonce.equals(line.path("nonce").asText()))) {
            return false;
        }
        StringBuilder lines = new StringBuilder();
        live.forEach(line -> lines.append(line).append('\n'));
        lines.append(JSON.createObjectNode().put("nonce", nonce).put("expires", expires.toString())).append('\n');
        try {
            AtomicFiles.write(file, lines.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write relay ledger " + file + ": " + e.getMessage(), e);
        }
        return true;
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
