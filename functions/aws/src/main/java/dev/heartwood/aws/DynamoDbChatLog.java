package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Chat history in {@code agent_messages}: partition {@code app_id} = the agent, sort
 * {@code created_at} = the row id, so the newest rows are one descending Query with a Limit,
 * whatever the history's length.
 *
 * <p>A delivery id is claimed by a marker item under partition {@code {agent}#delivery} (sort key
 * = the delivery id, {@code row} = the row's created_at), written in the same transaction as the
 * row: a repeated delivery finds the marker taken and gets the row it names, without a scan.
 */
public final class DynamoDbChatLog implements ChatLog {

    /** DynamoDB refuses items over 400 KB, names and keys included; this leaves them room. */
    static final int MAX_CONTENT_BYTES = 350 * 1024;
    private static final String PK = StorePlan.MESSAGES_PARTITION_KEY;
    private static final String SK = StorePlan.MESSAGES_SORT_KEY;
    private static final String MARKER_ROW = "row";
    private static final int ATTEMPTS = 3;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 12;

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;
    private final Clock clock;
    private final AtomicReference<Instant> lastIssued = new AtomicReference<>(Instant.EPOCH);

    public DynamoDbChatLog(AwsClients clients, String table) {
        this(clients, table, Clock.systemUTC());
    }

    public DynamoDbChatLog(AwsClients clients, String table, Clock clock) {
        this(clients.dynamoDb(), clients.settings(), table, clock);
    }

    /** For a client built elsewhere, e.g. with an interceptor that counts requests. */
    DynamoDbChatLog(DynamoDbClient dynamoDb, AwsSettings settings, String table) {
        this(dynamoDb, settings, table, Clock.systemUTC());
    }

    private DynamoDbChatLog(DynamoDbClient dynamoDb, AwsSettings settings, String table, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ChatRow append(AgentId agent, NewChatRow row) {
        Objects.requireNonNull(row, "row");
        int size = row.content().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_CONTENT_BYTES) {
            throw new MemoryException(where(agent) + ": content is " + size + " bytes; a chat row holds at most "
                    + MAX_CONTENT_BYTES + " bytes (DynamoDB items are limited to 400 KB). Nothing was written");
        }
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                ChatRow candidate = new ChatRow(agent, nextId(), row.role(), row.channel(), row.content(), row.deliveryId());
                Optional<ChatRow> stored = row.delivery().isPresent() ? putDelivered(candidate) : put(candidate);
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
        } catch (SdkException e) {
            throw failure(agent, e);
        }
        throw new MemoryException(where(agent) + ": could not append after " + ATTEMPTS
                + " attempts: each new row id or delivery marker was taken by a concurrent writer");
    }

    /**
     * One conditional put per row (a transaction with its delivery marker when it has one). A
     * restore is rare and a history is thousands of rows, so per-row conditions beat a faster
     * BatchWriteItem that could overwrite a row silently.
     */
    @Override
    public void restore(AgentId agent, List<ChatRow> rows) {
        Objects.requireNonNull(rows, "rows");
        try {
            for (ChatRow kept : rows) {
                ChatRow row = new ChatRow(agent, kept.id(), kept.role(), kept.channel(), kept.content(), kept.deliveryId());
                Optional<ChatRow> stored = row.delivery().isPresent() ? putDelivered(row) : put(row);
                if (stored.isEmpty() || !stored.get().equals(row)) {
                    throw new MemoryException(where(agent) + ": row " + row.id()
                            + " (or its delivery id) already holds a different row: not restored");
                }
            }
        } catch (SdkException e) {
            throw failure(agent, e);
        }
    }

    @Override
    public List<ChatRow> newest(AgentId agent, int limit) {
        return query(agent, null, limit);
    }

    @Override
    public List<ChatRow> before(AgentId agent, RowId before, int limit) {
        Objects.requireNonNull(before, "before");
        return query(agent, before, limit);
    }

    @Override
    public void delete(AgentId agent, RowId row) {
        Objects.requireNonNull(row, "row");
        try {
            Map<String, AttributeValue> old = dynamoDb.deleteItem(b -> b.tableName(table).key(rowKey(agent, row))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            AttributeValue delivery = old == null ? null : old.get("delivery_id");
            if (delivery != null) {
                deleteMarker(agent, delivery.s(), row);
            }
        } catch (SdkException e) {
            throw failure(agent, e);
        }
    }

    private Optional<ChatRow> put(ChatRow row) {
        Map<String, AttributeValue> item = item(row);
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.of(row);
        } catch (ConditionalCheckFailedException e) {
            // Either the SDK retried a put that had landed (then the item is ours) or two suffixes
            // collided (then the caller tries a fresh id).
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : get(rowKey(row.agent(), row.id()));
            return item.equals(existing) ? Optional.of(row) : Optional.empty();
        }
    }

    private Optional<ChatRow> putDelivered(ChatRow row) {
        AgentId agent = row.agent();
        String delivery = row.deliveryId();
        Map<String, AttributeValue> marker = new HashMap<>(markerKey(agent, delivery));
        marker.put(MARKER_ROW, s(row.id().value()));
        try {
            // The SDK gives TransactWriteItems a client token, so its own retries cannot apply it twice.
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                            .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item(row))
                            .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK)))
                            .build()));
            return Optional.of(row);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return earlierDelivery(agent, delivery, reasons.get(0));
            }
            boolean retryable = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()));
            if (retryable) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The row an earlier append of this delivery wrote; empty (try again) if that row is gone. */
    private Optional<ChatRow> earlierDelivery(AgentId agent, String delivery, CancellationReason reason) {
        Map<String, AttributeValue> marker = reason.hasItem() && !reason.item().isEmpty() ? reason.item()
                : get(markerKey(agent, delivery));
        if (marker.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue named = marker.get(MARKER_ROW);
        if (named == null || named.s() == null) {
            throw new MemoryException(where(agent) + ": the marker of delivery " + delivery + " names no row");
        }
        RowId earlier = RowId.parse(named.s());
        Map<String, AttributeValue> item = get(rowKey(agent, earlier));
        if (!item.isEmpty()) {
            return Optional.of(row(agent, item));
        }
        // The marker outlived its row (a delete stopped between its two requests): the delivery is new again.
        deleteMarker(agent, delivery, earlier);
        return Optional.empty();
    }

    private void deleteMarker(AgentId agent, String delivery, RowId row) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(markerKey(agent, delivery))
                    .conditionExpression("#row = :row").expressionAttributeNames(Map.of("#row", MARKER_ROW))
                    .expressionAttributeValues(Map.of(":row", s(row.value()))));
        } catch (ConditionalCheckFailedException e) {
            // The marker is gone or already names a newer row of the same delivery: that one must stay.
        }
    }

    private List<ChatRow> query(AgentId agent, RowId before, int limit) {
        Objects.requireNonNull(agent, "agent");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        List<ChatRow> rows = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":agent", s(agent.value())));
        if (before != null) {
            values.put(":before", s(before.value()));
        }
        try {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                        .keyConditionExpression(before == null ? "#pk = :agent" : "#pk = :agent AND #sk < :before")
                        .expressionAttributeNames(before == null ? Map.of("#pk", PK) : Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(limit - rows.size())
                        // A turn appends the user's message and then reads the history: it must see it.
                        .consistentRead(true);
                if (start != null) {
                    query.exclusiveStartKey(start);
                }
                QueryResponse page = dynamoDb.query(query.build());
                page.items().forEach(item -> rows.add(row(agent, item)));
                // Limit stops DynamoDB at the rows asked for, so this is one request; a second comes
                // only if those rows passed 1 MB, and it continues the same page, never older history.
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (rows.size() < limit && start != null);
        } catch (SdkException e) {
            throw failure(agent, e);
        }
        return List.copyOf(rows);
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private ChatRow row(AgentId agent, Map<String, AttributeValue> item) {
        AttributeValue sortKey = item.get(SK);
        try {
            AttributeValue delivery = item.get("delivery_id");
            return new ChatRow(agent, RowId.parse(sortKey.s()), ChatRole.valueOf(text(item, "role")),
                    text(item, "channel"), text(item, "content"), delivery == null ? null : delivery.s());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MemoryException(where(agent) + ": item " + (sortKey == null ? "without " + SK : sortKey.s())
                    + " is not a chat row (" + e.getMessage() + ")", e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("attribute '" + name + "' is missing or not a string");
        }
        return value.s();
    }

    private static Map<String, AttributeValue> item(ChatRow row) {
        Map<String, AttributeValue> item = new HashMap<>(rowKey(row.agent(), row.id()));
        item.put("role", s(row.role().name()));
        item.put("channel", s(row.channel()));
        item.put("content", s(row.content()));
        row.delivery().ifPresent(delivery -> item.put("delivery_id", s(delivery)));
        return item;
    }

    private static Map<String, AttributeValue> rowKey(AgentId agent, RowId row) {
        return Map.of(PK, s(agent.value()), SK, s(row.value()));
    }

    /** Agent ids never contain {@code #}, so a marker partition cannot be an agent's history. */
    private static Map<String, AttributeValue> markerKey(AgentId agent, String delivery) {
        return Map.of(PK, s(agent.value() + "#delivery"), SK, s(delivery));
    }

    /**
     * Later than every id this instance issued, even in the same millisecond, so one writer's rows
     * sort in the order it appended them; writers elsewhere are kept apart by the random suffix.
     */
    private RowId nextId() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant at = lastIssued.updateAndGet(last -> now.isAfter(last) ? now : last.plusMillis(1));
        return RowId.of(at, suffix());
    }

    /** A SecureRandom made here: one kept in a field would be copied into every SnapStart snapshot and repeat. */
    private static String suffix() {
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private String where(AgentId agent) {
        return "chat of agent " + agent + " in table " + table;
    }

    private MemoryException failure(AgentId agent, SdkException e) {
        return new MemoryException(where(agent) + ": " + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
