package dev.heartwood.aws;

import static dev.heartwood.aws.RosterItems.CONFIG_ITEM;
import static dev.heartwood.aws.RosterItems.CONFIG_PARTITION;
import static dev.heartwood.aws.RosterItems.EVERY;
import static dev.heartwood.aws.RosterItems.NEXT_WAKE;
import static dev.heartwood.aws.RosterItems.PK;
import static dev.heartwood.aws.RosterItems.ROSTER_ITEM;
import static dev.heartwood.aws.RosterItems.ROSTER_PARTITION;
import static dev.heartwood.aws.RosterItems.SHARD_COUNT;
import static dev.heartwood.aws.RosterItems.SK;
import static dev.heartwood.aws.RosterItems.configItem;
import static dev.heartwood.aws.RosterItems.key;
import static dev.heartwood.aws.RosterItems.n;
import static dev.heartwood.aws.RosterItems.partition;
import static dev.heartwood.aws.RosterItems.pointerItem;
import static dev.heartwood.aws.RosterItems.pointerKey;
import static dev.heartwood.aws.RosterItems.rosterItem;
import static dev.heartwood.aws.RosterItems.rosterKey;
import static dev.heartwood.aws.RosterItems.s;
import static dev.heartwood.aws.RosterItems.sortKey;

import dev.heartwood.core.dispatch.DispatchException;
import dev.heartwood.core.dispatch.DueAgent;
import dev.heartwood.core.dispatch.DueIndex;
import dev.heartwood.core.dispatch.DuePage;
import dev.heartwood.core.dispatch.Shards;
import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The roster in the control table, without an index of its own: each shard is one partition,
 * {@code dispatch#shard-07}, whose items are sorted by {@code {nextWake}#{agentId}}, so the agents
 * due at {@code now} are one Query for sort keys up to {@code {now}#~}, oldest first, paged with
 * Limit and ExclusiveStartKey. Agent ids never contain {@code #}, so no agent partition can collide.
 *
 * <p>Since the wake is part of the key, moving it is a delete and a put. Each agent also has a
 * pointer item, sort key {@code dispatch} in its own partition, naming its roster item, so that
 * registering and removing find it. Advancing is one TransactWriteItems: delete the old roster
 * item (it must exist with the cadence read), put the new one (it must not exist) and move the
 * pointer (it must still name the old one); two ticks racing on one agent cannot both win. The
 * SDK sends one ClientRequestToken for all retries of a transaction, so a retry after a lost
 * response succeeds instead of reporting a lost race.
 *
 * <p>Costs: a transactional write costs double, so an advance is about 6 WCU; a due Query reads
 * about forty roster items per strongly consistent 4 KB read unit. A shard partition takes about
 * 1,000 WCU per second, so sixteen shards wake thousands of agents a second.
 *
 * <p>The shard count is stored once, in item {@code dispatch#roster}/{@code shards}: an index built
 * with another count refuses to work, rather than silently reading the wrong partitions.
 */
public final class DynamoDbDueIndex implements DueIndex {

    private static final Pattern TOKEN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z#[a-z0-9-]{1,64}");
    /** Register and remove read the pointer again when a tick moved it in between; this many times is not a race. */
    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;
    private final Shards shards;
    private volatile boolean countChecked;

    /** An index of {@value Shards#DEFAULT_COUNT} shards. */
    public DynamoDbDueIndex(AwsClients clients, String controlTable) {
        this(clients, controlTable, Shards.DEFAULT_COUNT);
    }

    public DynamoDbDueIndex(AwsClients clients, String controlTable, int shards) {
        this(clients.dynamoDb(), clients.settings(), controlTable, Shards.of(shards));
    }

    DynamoDbDueIndex(DynamoDbClient dynamoDb, AwsSettings settings, String controlTable, Shards shards) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.table = controlTable;
        this.shards = shards;
    }

    @Override
    public int shards() {
        return shards.count();
    }

    @Override
    public void register(AgentId agent, Duration every, Instant firstWake) {
        DueAgent entry = DueAgent.of(agent, every, firstWake);
        checkShardCount();
        String partition = partitionOf(agent);
        String item = sortKey(entry);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> pointer = pointer(agent);
            List<TransactWriteItem> writes = new ArrayList<>();
            Map<String, AttributeValue> oldKey = pointer.isEmpty() ? Map.of() : rosterKey(pointer);
            if (!oldKey.isEmpty() && !oldKey.equals(key(partition, item))) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(oldKey)).build());
            }
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(rosterItem(entry, partition)))
                    .build());
            Put.Builder movePointer = Put.builder().tableName(table).item(pointerItem(entry, partition));
            if (pointer.isEmpty()) {
                movePointer.conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", SK));
            } else {
                movePointer.conditionExpression("#rp = :rp AND #ri = :ri")
                        .expressionAttributeNames(Map.of("#rp", ROSTER_PARTITION, "#ri", ROSTER_ITEM))
                        .expressionAttributeValues(Map.of(":rp", pointer.get(ROSTER_PARTITION),
                                ":ri", pointer.get(ROSTER_ITEM)));
            }
            writes.add(TransactWriteItem.builder().put(movePointer.build()).build());
            if (transact(agent, "register", writes)) {
                return;
            }
        }
        throw new DispatchException(busy(agent, "register"));
    }

    @Override
    public boolean remove(AgentId agent) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> pointer = pointer(agent);
            if (pointer.isEmpty()) {
                return false;
            }
            boolean removed = transact(agent, "remove", List.of(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(rosterKey(pointer))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(pointerKey(agent))
                            .conditionExpression("#rp = :rp AND #ri = :ri")
                            .expressionAttributeNames(Map.of("#rp", ROSTER_PARTITION, "#ri", ROSTER_ITEM))
                            .expressionAttributeValues(Map.of(":rp", pointer.get(ROSTER_PARTITION),
                                    ":ri", pointer.get(ROSTER_ITEM)))).build()));
            if (removed) {
                return true;
            }
        }
        throw new DispatchException(busy(agent, "remove"));
    }

    @Override
    public DuePage due(int shard, Instant now, int limit, String pageToken) {
        shards.require(shard);
        DuePage.requireLimit(limit);
        Objects.requireNonNull(now, "now");
        if (pageToken != null && !TOKEN.matcher(pageToken).matches()) {
            throw new IllegalArgumentException("pageToken: expected null or the nextToken of a page of this index");
        }
        checkShardCount();
        String partition = partition(shard);
        // '~' sorts after every character of an agent id, so this takes every agent due at the second of now.
        String upper = now.truncatedTo(ChronoUnit.SECONDS) + "#~";
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :partition AND #sk <= :upper")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":partition", s(partition), ":upper", s(upper)))
                .limit(limit)
                .consistentRead(true);
        if (pageToken != null) {
            query.exclusiveStartKey(key(partition, pageToken));
        }
        QueryResponse page = call("shard " + shard + " (" + partition + ")", () -> dynamoDb.query(query.build()));
        List<DueAgent> agents = new ArrayList<>(page.count());
        for (Map<String, AttributeValue> item : page.items()) {
            agents.add(dueAgent(partition, item));
        }
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new DuePage(agents, more ? page.lastEvaluatedKey().get(SK).s() : null);
    }

    @Override
    public boolean advance(DueAgent due, Instant next) {
        DueAgent moved = due.advancedTo(next);
        checkShardCount();
        String partition = partitionOf(due.agent());
        String oldItem = sortKey(due);
        String newItem = sortKey(moved);
        return transact(due.agent(), "advance", List.of(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(partition, oldItem))
                        .conditionExpression("attribute_exists(#sk) AND #every = :every")
                        .expressionAttributeNames(Map.of("#sk", SK, "#every", EVERY))
                        .expressionAttributeValues(Map.of(":every", n(due.every().getSeconds())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(rosterItem(moved, partition))
                        .conditionExpression("attribute_not_exists(#sk)")
                        .expressionAttributeNames(Map.of("#sk", SK))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(pointerKey(due.agent()))
                        .updateExpression("SET #ri = :new, " + NEXT_WAKE + " = :wake")
                        .conditionExpression("#rp = :rp AND #ri = :old")
                        .expressionAttributeNames(Map.of("#rp", ROSTER_PARTITION, "#ri", ROSTER_ITEM))
                        .expressionAttributeValues(Map.of(":new", s(newItem), ":wake", s(moved.nextWake().toString()),
                                ":rp", s(partition), ":old", s(oldItem)))).build()));
    }

    /**
     * Records the shard count on first use, or checks it against the recorded one: a roster read
     * with another count would skip the agents of some shards and never advance others.
     */
    private void checkShardCount() {
        if (countChecked) {
            return;
        }
        try {
            call("its shard count", () -> dynamoDb.putItem(b -> b.tableName(table)
                    .item(configItem(shards.count()))
                    .conditionExpression("attribute_not_exists(#sk) OR " + SHARD_COUNT + " = :count")
                    .expressionAttributeNames(Map.of("#sk", SK))
                    .expressionAttributeValues(Map.of(":count", n(shards.count())))));
        } catch (ConditionalCheckFailedException other) {
            Map<String, AttributeValue> item = call("its shard count", () -> dynamoDb.getItem(b -> b.tableName(table)
                    .key(key(CONFIG_PARTITION, CONFIG_ITEM)).consistentRead(true))).item();
            throw new DispatchException("the dispatch roster in table " + table + " was built with "
                    + (item == null || !item.containsKey(SHARD_COUNT) ? "another number of" : item.get(SHARD_COUNT).n())
                    + " shards, this dispatcher has " + shards.count() + ": configure that count (changing it needs"
                    + " every agent registered again)", other);
        }
        countChecked = true;
    }

    /** True when written; false when a condition failed or another transaction held one of the items. */
    private boolean transact(AgentId agent, String what, List<TransactWriteItem> writes) {
        try {
            call("agent " + agent + " (" + what + ")", () -> dynamoDb.transactWriteItems(b -> b.transactItems(writes)));
            return true;
        } catch (TransactionCanceledException e) {
            if (lostRace(e)) {
                return false;
            }
            throw new DispatchException("the dispatch roster in table " + table + ", agent " + agent
                    + " (" + what + "): " + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
        }
    }

    private static boolean lostRace(TransactionCanceledException e) {
        if (e.hasCancellationReasons()) {
            return e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
        }
        return e.getMessage() != null && e.getMessage().contains("ConditionalCheckFailed");
    }

    private Map<String, AttributeValue> pointer(AgentId agent) {
        var response = call("agent " + agent, () -> dynamoDb.getItem(b -> b.tableName(table)
                .key(pointerKey(agent)).consistentRead(true)));
        return response.hasItem() ? response.item() : Map.of();
    }

    private <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException expected) {
            throw expected;
        } catch (SdkException e) {
            throw new DispatchException("the dispatch roster in table " + table + ", " + what + ": "
                    + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
        }
    }

    private DueAgent dueAgent(String partition, Map<String, AttributeValue> item) {
        try {
            return RosterItems.dueAgent(item);
        } catch (RuntimeException broken) {
            throw new DispatchException("the dispatch roster in table " + table + ": item " + partition + " / "
                    + item.get(SK) + " is not a roster entry: " + broken.getMessage(), broken);
        }
    }

    private String partitionOf(AgentId agent) {
        return partition(shards.of(agent));
    }

    private String busy(AgentId agent, String what) {
        return "the dispatch roster in table " + table + ": cannot " + what + " agent " + agent + ": its entry changed "
                + ATTEMPTS + " times while trying, nothing changed";
    }
}
