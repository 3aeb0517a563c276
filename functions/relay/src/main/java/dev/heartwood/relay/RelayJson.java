package dev.heartwood.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.KeyLogJson;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Every JSON body of relay protocol v1 (docs/relay-protocol.md), both directions, in one place:
 * if the real relay's format turns out different, this is the class that changes.
 */
final class RelayJson {

    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is not what the protocol says; the message names the field and what was expected. */
    static final class MalformedJsonException extends RuntimeException {
        MalformedJsonException(String message) {
            super(message);
        }
    }

    /** The body of {@code POST .../registration}. */
    record RegistrationRequest(KeyLog log, Challenge challenge, byte[] proof) {
    }

    private RelayJson() {
    }

    static byte[] toJson(Challenge challenge) {
        return bytes(challengeNode(challenge));
    }

    static Challenge readChallenge(byte[] body) {
        return challenge(object(body), "");
    }

    static byte[] toJson(KeyLog log, Challenge challenge, byte[] proof) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode entries = node.putArray("keyLog");
        log.entries().forEach(entry -> entries.add(KeyLogJson.toNode(entry)));
        node.set("challenge", challengeNode(challenge));
        node.put("proof", Base64.getEncoder().encodeToString(proof));
        return bytes(node);
    }

    /** @param agent the agent the path names: the log is read as its log, whatever the entries claim */
    static RegistrationRequest readRegistrationRequest(AgentId agent, byte[] body) {
        JsonNode node = object(body);
        JsonNode entries = node.get("keyLog");
        if (entries == null || !entries.isArray()) {
            throw new MalformedJsonException("field keyLog: expected an array of key log entries");
        }
        List<KeyLogEntry> log = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            log.add(entry(entries.get(i), "keyLog[" + i + "]"));
        }
        JsonNode challenge = node.get("challenge");
        if (challenge == null || !challenge.isObject()) {
            throw new MalformedJsonException("field challenge: expected the challenge object the relay issued");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(text(node, "proof", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException("field proof: expected a base64 Ed25519 signature");
        }
        return new RegistrationRequest(new KeyLog(agent, log), challenge(challenge, "challenge."), proof);
    }

    static byte[] toJson(KeyLogEntry entry) {
        return bytes(KeyLogJson.toNode(entry));
    }

    static KeyLogEntry readKeyLogEntry(byte[] body) {
        return entry(object(body), "key log entry");
    }

    static byte[] toJson(Registration registration) {
        return bytes(JSON.createObjectNode()
                .put("agentId", registration.agent().value())
                .put("genesisKey", registration.genesisKey().did())
                .put("currentKey", registration.currentKey().did())
                .put("registeredAt", registration.registeredAt().toString()));
    }

    static Registration readRegistration(byte[] body) {
        JsonNode node = object(body);
        return new Registration(agent(node, "agentId", ""), key(node, "genesisKey"), key(node, "currentKey"),
                instant(node, "registeredAt", ""));
    }

    static byte[] toJson(Receipt receipt) {
        return bytes(receiptNode(receipt));
    }

    static Receipt readReceipt(byte[] body) {
        return receipt(object(body), "");
    }

    static byte[] toJson(List<Receipt> receipts) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode array = node.putArray("receipts");
        receipts.forEach(receipt -> array.add(receiptNode(receipt)));
        return bytes(node);
    }

    static List<Receipt> readReceipts(byte[] body) {
        JsonNode array = object(body).get("receipts");
        if (array == null || !array.isArray()) {
            throw new MalformedJsonException("field receipts: expected an array of receipts");
        }
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            receipts.add(receipt(array.get(i), "receipts[" + i + "]."));
        }
        return List.copyOf(receipts);
    }

    static byte[] toJson(InboxPage page) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode array = node.putArray("messages");
        page.messages().forEach(message -> array.add(JSON.createObjectNode()
                .put("sequence", message.sequence())
                .put("from", message.from().value())
                .put("messageId", message.messageId())
                .put("body", message.body())
                .put("receivedAt", message.receivedAt().toString())));
        node.put("next", page.next());
        return bytes(node);
    }

    static InboxPage readInboxPage(byte[] body) {
        JsonNode node = object(body);
        JsonNode array = node.get("messages");
        if (array == null || !array.isArray()) {
            throw new MalformedJsonException("field messages: expected an array of inbox messages");
        }
        List<InboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String prefix = "messages[" + i + "].";
            JsonNode message = array.get(i);
            if (message == null || !message.isObject()) {
                throw new MalformedJsonException("field messages[" + i + "]: expected an inbox message object");
            }
            messages.add(new InboxMessage(whole(message, "sequence", prefix, 1), agent(message, "from", prefix),
                    text(message, "messageId", prefix), text(message, "body", prefix),
                    instant(message, "receivedAt", prefix)));
        }
        return new InboxPage(messages, whole(node, "next", "", 0));
    }

    /** The {@code messageId} of a message body, or empty when it has none: the relay itself rejects those. */
    static Optional<String> messageId(byte[] body) {
        return textField(body, "messageId");
    }

    static byte[] error(String reason) {
        return bytes(JSON.createObjectNode().put("error", reason));
    }

    /** The reason of an error body, or empty when the body is not one (an HTML error page from a proxy, say). */
    static Optional<String> errorReason(byte[] body) {
        return textField(body, "error");
    }

    private static Optional<String> textField(byte[] body, String field) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static ObjectNode challengeNode(Challenge challenge) {
        return JSON.createObjectNode()
                .put("agentId", challenge.agent().value())
                .put("nonce", challenge.nonce())
                .put("expiresAt", challenge.expiresAt().toString());
    }

    private static Challenge challenge(JsonNode node, String prefix) {
        AgentId agent = agent(node, "agentId", prefix);
        String nonce = text(node, "nonce", prefix);
        Instant expiresAt = instant(node, "expiresAt", prefix);
        try {
            return new Challenge(agent, nonce, expiresAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException("field " + prefix + "nonce: " + e.getMessage());
        }
    }

    private static ObjectNode receiptNode(Receipt receipt) {
        return JSON.createObjectNode()
                .put("agentId", receipt.agent().value())
                .put("messageId", receipt.messageId())
                .put("sequence", receipt.sequence())
                .put("receivedAt", receipt.receivedAt().toString())
                .put("keyId", receipt.keyId());
    }

    private static Receipt receipt(JsonNode node, String prefix) {
        return new Receipt(agent(node, "agentId", prefix), text(node, "messageId", prefix),
                whole(node, "sequence", prefix, 1), instant(node, "receivedAt", prefix), text(node, "keyId", prefix));
    }

    private static long whole(JsonNode node, String field, String prefix, long min) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < min) {
            throw new MalformedJsonException("field " + prefix + field + ": expected a whole number from " + min);
        }
        return value.asLong();
    }

    private static KeyLogEntry entry(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException(source + ": expected a key log entry object");
        }
        try {
            return KeyLogJson.fromNode(node, source);
        } catch (IdentityException e) {
            // KeyLogJson already names the source and the field; keep its words.
            throw new MalformedJsonException(e.getMessage());
        }
    }

    private static JsonNode object(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedJsonException("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException("body: expected a JSON object");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedJsonException("field " + prefix + field + ": expected a non-empty string");
        }
        return value.asText();
    }

    private static AgentId agent(JsonNode node, String field, String prefix) {
        try {
            return AgentId.of(text(node, field, prefix));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException("field " + prefix + field + ": " + e.getMessage());
        }
    }

    private static Instant instant(JsonNode node, String field, String prefix) {
        try {
            return Instant.parse(text(node, field, prefix));
        } catch (DateTimeParseException e) {
            throw new MalformedJsonException("field " + prefix + field
                    + ": expected an ISO-8601 UTC instant such as 2026-01-01T12:00:00Z");
        }
    }

    private static AgentPublicKey key(JsonNode node, String field) {
        try {
            return AgentPublicKey.fromDid(text(node, field, ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException("field " + field + ": expected an Ed25519 did:key (did:key:z6Mk...)");
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
