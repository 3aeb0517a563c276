package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How journal entries and outbox messages look as control-table items: sort keys
 * {@code journal#{task}#{slot}} and {@code outbox#{messageId}}.
 */
final class JournalItems {

    static final String JOURNAL_PREFIX = "journal#";
    static final String OUTBOX_PREFIX = "outbox#";
    static final String STATUS = "status";
    static final String FENCING_TOKEN = "fencing_token";
    static final String NOTE = "note";
    /** The pending message's body, also on the journal item: see {@link DynamoDbJournal#open}. */
    static final String OUTBOX_BODY = "outbox_body";
    static final String BODY = "body";
    static final String SENT = "sent";
    static final String RECEIPT_SEQUENCE = "receipt_sequence";

    private JournalItems() {
    }

    static Map<String, AttributeValue> journalKey(AgentId agent, TaskId task, Instant slot) {
        return key(agent, JOURNAL_PREFIX + task.value() + "#" + slot);
    }

    static Map<String, AttributeValue> outboxKey(AgentId agent, MessageId id) {
        return key(agent, OUTBOX_PREFIX + id.value());
    }

    static Map<String, AttributeValue> journalItem(JournalEntry entry, Optional<OutboxMessage> message) {
        Map<String, AttributeValue> item = new HashMap<>(journalKey(entry.agent(), entry.task(), entry.slot()));
        item.put("kind", s("journal"));
        item.put("task", s(entry.task().value()));
        item.put("slot", s(entry.slot().toString()));
        item.put("message_id", s(entry.messageId().value()));
        item.put(STATUS, s(entry.status().name()));
        item.put(FENCING_TOKEN, n(entry.fencingToken()));
        item.put("started_at", s(entry.startedAt().toString()));
        item.put(NOTE, s(entry.note()));
        message.ifPresent(m -> item.put(OUTBOX_BODY, s(m.body())));
        return item;
    }

    static Map<String, AttributeValue> outboxItem(OutboxMessage message) {
        Map<String, AttributeValue> item = new HashMap<>(outboxKey(message.agent(), message.id()));
        item.put("kind", s("outbox"));
        item.put("message_id", s(message.id().value()));
        item.put(BODY, s(message.body()));
        item.put(SENT, AttributeValue.fromBool(message.sent()));
        item.put(RECEIPT_SEQUENCE, n(message.receiptSequence()));
        return item;
    }

    static JournalEntry entry(AgentId agent, Map<String, AttributeValue> item, String source) {
        try {
            return new JournalEntry(agent, TaskId.of(string(item, "task")), Instant.parse(string(item, "slot")),
                    new MessageId(string(item, "message_id")), JournalEntry.Status.valueOf(string(item, STATUS)),
                    Long.parseLong(item.get(FENCING_TOKEN).n()), Instant.parse(string(item, "started_at")),
                    string(item, NOTE));
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + " is not a Heartwood journal entry: " + e.getMessage(), e);
        }
    }

    /** An open entry's message is pending by construction: finish marks it sent in the same transaction that ends the entry. */
    static Journal.OpenEntry openEntry(JournalEntry entry, Map<String, AttributeValue> item) {
        AttributeValue body = item.get(OUTBOX_BODY);
        return new Journal.OpenEntry(entry, body == null ? Optional.empty()
                : Optional.of(OutboxMessage.pending(entry.agent(), entry.messageId(), body.s())));
    }

    static OutboxMessage message(AgentId agent, Map<String, AttributeValue> item, String source) {
        try {
            return new OutboxMessage(agent, new MessageId(string(item, "message_id")), string(item, BODY),
                    item.get(SENT).bool(), Long.parseLong(item.get(RECEIPT_SEQUENCE).n()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + " is not a Heartwood outbox message: " + e.getMessage(), e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(AgentId agent, String item) {
        return Map.of(StorePlan.CONTROL_PARTITION_KEY, s(agent.value()), StorePlan.CONTROL_SORT_KEY, s(item));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("no " + name + " attribute");
        }
        return value.s();
    }
}
