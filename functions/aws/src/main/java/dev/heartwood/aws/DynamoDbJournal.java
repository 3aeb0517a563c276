package dev.heartwood.aws;

import static dev.heartwood.aws.JournalItems.FENCING_TOKEN;
import static dev.heartwood.aws.JournalItems.NOTE;
import static dev.heartwood.aws.JournalItems.STATUS;
import static dev.heartwood.aws.JournalItems.n;
import static dev.heartwood.aws.JournalItems.s;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalConflictException;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The journal in the control table: {@code journal#{task}#{slot}} per task slot and
 * {@code outbox#{messageId}} per message, under the agent's partition. Starting with a message is
 * one TransactWriteItems creating both (each {@code attribute_not_exists}); claim and finish are
 * updates conditioned on status and fencing token; finishing with a sent message updates both
 * items in one transaction, so an entry is never DONE with its message still pending.
 *
 * <p>A start or finish whose condition fails is read back once: if the entry already is exactly
 * what this call meant to write (fencing tokens are unique per lease, so nobody else writes
 * that), the SDK retried after a lost response and the first attempt landed, so the call
 * succeeds. Without this a finished heartbeat could report a conflict with itself. Unlike the
 * file journal, an identical start or finish repeated on purpose therefore succeeds too.
 */
public final class DynamoDbJournal implements Journal {

    private static final Map<String, String> NAMES = Map.of("#sk", StorePlan.CONTROL_SORT_KEY, "#status", STATUS);

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;

    public DynamoDbJournal(AwsClients clients, String controlTable) {
        this(clients.dynamoDb(), clients.settings(), controlTable);
    }

    DynamoDbJournal(DynamoDbClient dynamoDb, AwsSettings settings, String controlTable) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.table = controlTable;
    }

    /**
     * One Query over the agent's journal items, filtered to STARTED. The filter runs after the read,
     * so finished entries are still paid for (0.5 RCU per 4 KB): fine for one person's tasks; if
     * the history grows large, a sparse GSI on an {@code open} attribute removed by finish is the
     * cheaper shape. The pending message comes from a copy of its body on the journal item, so
     * resuming costs this one request rather than a Query and a BatchGetItem.
     */
    @Override
    public List<OpenEntry> open(AgentId agent) {
        List<OpenEntry> open = new ArrayList<>();
        call(agent, "the open journal entries", () -> {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :agent AND begins_with(#sk, :prefix)")
                        .filterExpression("#status = :started")
                        .expressionAttributeNames(Map.of("#pk", StorePlan.CONTROL_PARTITION_KEY,
                                "#sk", StorePlan.CONTROL_SORT_KEY, "#status", STATUS))
                        .expressionAttributeValues(Map.of(":agent", s(agent.value()),
                                ":prefix", s(JournalItems.JOURNAL_PREFIX), ":started", s(JournalEntry.Status.STARTED.name())))
                        .consistentRead(true);
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                QueryResponse page = dynamoDb.query(query.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    JournalEntry entry = JournalItems.entry(agent, item, source(agent, item.get(StorePlan.CONTROL_SORT_KEY).s()));
                    open.add(JournalItems.openEntry(entry, item));
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
            return null;
        });
        // The sort key orders by task first, and an ISO instant does not sort by time as text anyway.
        open.sort(Comparator.comparing((OpenEntry o) -> o.entry().slot()).thenComparing(o -> o.entry().task().value()));
        return List.copyOf(open);
    }

    /** Two paged Queries, the journal items and the outbox items, joined by message id. */
    @Override
    public List<OpenEntry> entries(AgentId agent) {
        List<Map<String, AttributeValue>> journalItems = queryAll(agent, JournalItems.JOURNAL_PREFIX);
        Map<MessageId, OutboxMessage> messages = new HashMap<>();
        for (Map<String, AttributeValue> item : queryAll(agent, JournalItems.OUTBOX_PREFIX)) {
            OutboxMessage message = JournalItems.message(agent, item, source(agent, item.get(StorePlan.CONTROL_SORT_KEY).s()));
            messages.put(message.id(), message);
        }
        List<OpenEntry> all = new ArrayList<>();
        for (Map<String, AttributeValue> item : journalItems) {
            JournalEntry entry = JournalItems.entry(agent, item, source(agent, item.get(StorePlan.CONTROL_SORT_KEY).s()));
            all.add(new OpenEntry(entry, Optional.ofNullable(messages.get(entry.messageId()))));
        }
        all.sort(Comparator.comparing((OpenEntry o) -> o.entry().slot()).thenComparing(o -> o.entry().task().value()));
        return List.copyOf(all);
    }

    /** One transaction per entry (the entry with its message); an identical entry already there counts as restored. */
    @Override
    public void restore(List<OpenEntry> entries) {
        for (OpenEntry item : entries) {
            JournalEntry entry = item.entry();
            item.message().ifPresent(m -> requireOwnMessage(entry, m));
            String taken = entry.task() + " slot " + entry.slot() + " already holds a different journal entry: not restored";
            Predicate<JournalEntry> same = entry::equals;
            TransactWriteItem journalPut = TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(JournalItems.journalItem(entry, item.message()))
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))).build();
            if (item.message().isEmpty()) {
                transact(entry, taken, same, journalPut);
            } else {
                transact(entry, taken, same, journalPut, TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(JournalItems.outboxItem(item.message().get()))
                        .conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))).build());
            }
        }
    }

    private List<Map<String, AttributeValue>> queryAll(AgentId agent, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        call(agent, "the " + prefix.replace("#", "") + " items", () -> {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :agent AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", StorePlan.CONTROL_PARTITION_KEY,
                                "#sk", StorePlan.CONTROL_SORT_KEY))
                        .expressionAttributeValues(Map.of(":agent", s(agent.value()), ":prefix", s(prefix)))
                        .consistentRead(true);
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                QueryResponse page = dynamoDb.query(query.build());
                items.addAll(page.items());
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
            return null;
        });
        return items;
    }

    @Override
    public Optional<JournalEntry> find(AgentId agent, TaskId task, Instant slot) {
        return read(agent, task, slot);
    }

    @Override
    public void start(JournalEntry entry, Optional<OutboxMessage> message) {
        if (entry.status() != JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a journal entry starts STARTED, got " + entry.status());
        }
        message.ifPresent(m -> requireOwnMessage(entry, m));
        Map<String, AttributeValue> journalItem = JournalItems.journalItem(entry, message);
        String taken = entry.task() + " slot " + entry.slot() + " already has a journal entry: another invocation decided"
                + " first, nothing written";
        Predicate<JournalEntry> mine = entry::equals;
        if (message.isEmpty()) {
            conditional(entry, taken, mine, () -> dynamoDb.putItem(b -> b.tableName(table).item(journalItem)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))));
            return;
        }
        // The outbox item is created only alongside its entry, and never over an existing one (which could un-send it).
        transact(entry, taken, mine,
                TransactWriteItem.builder().put(p -> p.tableName(table).item(journalItem)
                        .conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(JournalItems.outboxItem(message.get()))
                        .conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))).build());
    }

    /**
     * Not read back on a failed condition like start and finish: the port defines a claim with the
     * token already there as a conflict, so a retried claim whose first attempt landed reports one,
     * and the caller skips a slot that the next heartbeat claims again under a newer lease.
     */
    @Override
    public JournalEntry claim(JournalEntry entry, long fencingToken) {
        try {
            var response = call(entry.agent(), "journal entry " + entry.task() + " slot " + entry.slot(),
                    () -> dynamoDb.updateItem(b -> b.tableName(table)
                            .key(JournalItems.journalKey(entry.agent(), entry.task(), entry.slot()))
                            .updateExpression("SET " + FENCING_TOKEN + " = :new")
                            .conditionExpression("attribute_exists(#sk) AND #status = :started AND " + FENCING_TOKEN + " < :new")
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(":new", n(fencingToken),
                                    ":started", s(JournalEntry.Status.STARTED.name())))
                            .returnValues(ReturnValue.ALL_NEW)));
            return JournalItems.entry(entry.agent(), response.attributes(), source(entry.agent(), entry.task(), entry.slot()));
        } catch (ConditionalCheckFailedException e) {
            throw new JournalConflictException("agent " + entry.agent() + ": " + entry.task() + " slot " + entry.slot()
                    + " is not open under a token older than " + fencingToken
                    + ": finished, or claimed by a newer lease; nothing changed", e);
        }
    }

    @Override
    public void finish(JournalEntry finished, Optional<OutboxMessage> sent) {
        List<TransactWriteItem> items = finishItems(finished, sent);
        String lost = finished.task() + " slot " + finished.slot() + " is not STARTED under token " + finished.fencingToken()
                + ": a newer lease took it over or it was finished, nothing changed";
        Predicate<JournalEntry> mine = finished::equals;
        if (items.size() == 1) {
            Update journalUpdate = items.get(0).update();
            conditional(finished, lost, mine, () -> dynamoDb.updateItem(b -> b.tableName(table).key(journalUpdate.key())
                    .updateExpression(journalUpdate.updateExpression()).conditionExpression(journalUpdate.conditionExpression())
                    .expressionAttributeNames(journalUpdate.expressionAttributeNames())
                    .expressionAttributeValues(journalUpdate.expressionAttributeValues())));
            return;
        }
        transact(finished, lost, mine, items.toArray(TransactWriteItem[]::new));
    }

    /**
     * The finish and the release in one transaction when the lease is an item of this table: the
     * heartbeat's write wave then needs no round trip of its own to give the lease back. If the
     * transaction is refused for any reason (the entry was taken over, the lease was, a write was in
     * flight on either), it falls back to {@link #finish} then {@link LeaseStore#release}, whose
     * conditions say what happened.
     */
    @Override
    public void finishReleasing(JournalEntry finished, Optional<OutboxMessage> sent, Lease lease, LeaseStore leases) {
        if (!(leases instanceof DynamoDbLeaseStore sameKind) || !sameKind.table().equals(table)
                || !lease.agent().equals(finished.agent())) {
            Journal.super.finishReleasing(finished, sent, lease, leases);
            return;
        }
        List<TransactWriteItem> items = new ArrayList<>(finishItems(finished, sent));
        items.add(TransactWriteItem.builder().update(DynamoDbLeaseStore.releaseUpdate(table, lease)).build());
        try {
            call(finished.agent(), "journal entry " + finished.task() + " slot " + finished.slot() + " and the lease",
                    () -> dynamoDb.transactWriteItems(b -> b.transactItems(items)));
        } catch (TransactionCanceledException refused) {
            Journal.super.finishReleasing(finished, sent, lease, leases);
        }
    }

    /** The update of the entry to its outcome, and of its message to sent when there is one. */
    private List<TransactWriteItem> finishItems(JournalEntry finished, Optional<OutboxMessage> sent) {
        if (finished.status() == JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a finished entry is DONE, SKIPPED or FAILED, got STARTED");
        }
        sent.ifPresent(m -> requireOwnMessage(finished, m));
        Update journalUpdate = Update.builder().tableName(table)
                .key(JournalItems.journalKey(finished.agent(), finished.task(), finished.slot()))
                .updateExpression("SET #status = :status, " + NOTE + " = :note")
                .conditionExpression("#status = :started AND " + FENCING_TOKEN + " = :expected")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":status", s(finished.status().name()), ":note", s(finished.note()),
                        ":started", s(JournalEntry.Status.STARTED.name()), ":expected", n(finished.fencingToken())))
                .build();
        if (sent.isEmpty()) {
            return List.of(TransactWriteItem.builder().update(journalUpdate).build());
        }
        OutboxMessage message = sent.get();
        return List.of(TransactWriteItem.builder().update(journalUpdate).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(JournalItems.outboxKey(message.agent(), message.id()))
                        .updateExpression("SET kind = :kind, message_id = :id, #body = if_not_exists(#body, :body),"
                                + " #sent = :sent, #seq = :seq")
                        .expressionAttributeNames(Map.of("#body", JournalItems.BODY, "#sent", JournalItems.SENT,
                                "#seq", JournalItems.RECEIPT_SEQUENCE))
                        .expressionAttributeValues(Map.of(":kind", s("outbox"), ":id", s(message.id().value()),
                                ":body", s(message.body()), ":sent", AttributeValue.fromBool(message.sent()),
                                ":seq", n(message.receiptSequence())))).build());
    }

    private Optional<JournalEntry> read(AgentId agent, TaskId task, Instant slot) {
        return call(agent, "journal entry " + task + " slot " + slot, () -> {
            var response = dynamoDb.getItem(b -> b.tableName(table).key(JournalItems.journalKey(agent, task, slot))
                    .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(JournalItems.entry(agent, response.item(), source(agent, task, slot)))
                    : Optional.<JournalEntry>empty();
        });
    }

    /** Runs a conditional write; a failed condition is a conflict unless the item already is what we meant to write. */
    private <T> Optional<T> conditional(JournalEntry entry, String lost, Predicate<JournalEntry> mine, Supplier<T> write) {
        try {
            return Optional.ofNullable(call(entry.agent(), "journal entry " + entry.task() + " slot " + entry.slot(), write));
        } catch (ConditionalCheckFailedException e) {
            return alreadyMine(entry, mine, () -> new JournalConflictException("agent " + entry.agent() + ": " + lost, e));
        }
    }

    private void transact(JournalEntry entry, String lost, Predicate<JournalEntry> mine, TransactWriteItem... items) {
        try {
            call(entry.agent(), "journal entry " + entry.task() + " slot " + entry.slot() + " and its message",
                    () -> dynamoDb.transactWriteItems(b -> b.transactItems(items)));
        } catch (TransactionCanceledException e) {
            if (!lostRace(e)) {
                throw failure(entry.agent(), "journal entry " + entry.task() + " slot " + entry.slot(), e);
            }
            alreadyMine(entry, mine, () -> new JournalConflictException("agent " + entry.agent() + ": " + lost, e));
        }
    }

    private <T> Optional<T> alreadyMine(JournalEntry entry, Predicate<JournalEntry> mine,
            Supplier<JournalConflictException> conflict) {
        Optional<JournalEntry> stored = read(entry.agent(), entry.task(), entry.slot());
        if (stored.isPresent() && mine.test(stored.get())) {
            return Optional.empty();
        }
        throw conflict.get();
    }

    /** ConditionalCheckFailed lost to a decided item; TransactionConflict lost to a write in flight on it. */
    private static boolean lostRace(TransactionCanceledException e) {
        if (e.hasCancellationReasons()) {
            return e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
        }
        return e.getMessage() != null && e.getMessage().contains("ConditionalCheckFailed");
    }

    private <T> T call(AgentId agent, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException expected) {
            throw expected;
        } catch (SdkException e) {
            throw failure(agent, what, e);
        }
    }

    private IllegalStateException failure(AgentId agent, String what, SdkException e) {
        return new IllegalStateException("agent " + agent + ": " + what + " in table " + table + ": "
                + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
    }

    private String source(AgentId agent, TaskId task, Instant slot) {
        return source(agent, JournalItems.JOURNAL_PREFIX + task.value() + "#" + slot);
    }

    private String source(AgentId agent, String item) {
        return "agent " + agent + ": item " + item + " in table " + table;
    }

    private static void requireOwnMessage(JournalEntry entry, OutboxMessage message) {
        if (!message.id().equals(entry.messageId()) || !message.agent().equals(entry.agent())) {
            throw new IllegalArgumentException("message " + message.id() + " of agent " + message.agent()
                    + " is not the message of this entry (expected " + entry.messageId() + " of " + entry.agent() + ")");
        }
    }
}
