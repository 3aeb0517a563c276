package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.KeyLogJson;
import dev.heartwood.core.identity.KeyLogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Key logs in the control table: one item per entry under the agent's partition, sort key
 * {@code keylog#00000042}, written with {@code attribute_not_exists} so a sequence number can be
 * taken only once. Reading the whole log is one Query (paged if it ever grows past 1 MB).
 */
public final class DynamoDbKeyLogStore implements KeyLogStore {

    private static final String PREFIX = "keylog#";
    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;

    public DynamoDbKeyLogStore(AwsClients clients, String controlTable) {
        this.dynamoDb = clients.dynamoDb();
        this.settings = clients.settings();
        this.table = controlTable;
    }

    @Override
    public KeyLog read(AgentId agent) {
        List<KeyLogEntry> entries = new ArrayList<>();
        try {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                        .keyConditionExpression("#pk = :agent AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", StorePlan.CONTROL_PARTITION_KEY, "#sk", StorePlan.CONTROL_SORT_KEY))
                        .expressionAttributeValues(Map.of(":agent", s(agent.value()), ":prefix", s(PREFIX)))
                        .consistentRead(true);
                if (startKey != null) {
                    query.exclusiveStartKey(startKey);
                }
                QueryResponse page = dynamoDb.query(query.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String source = "table " + table + " item " + agent + "/" + item.get(StorePlan.CONTROL_SORT_KEY).s();
                    AttributeValue entry = item.get("entry");
                    if (entry == null || entry.s() == null) {
                        throw new IdentityException(source + ": no entry attribute");
                    }
                    entries.add(KeyLogJson.parse(entry.s(), source));
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        } catch (SdkException e) {
            throw failure(agent, e);
        }
        return new KeyLog(agent, entries);
    }

    @Override
    public void append(KeyLogEntry entry) {
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            StorePlan.CONTROL_PARTITION_KEY, s(entry.agent().value()),
                            StorePlan.CONTROL_SORT_KEY, s(sortKey(entry.sequence())),
                            "kind", s(entry.kind().name()),
                            "key_id", s(entry.key().did()),
                            "entry", s(KeyLogJson.toJson(entry))))
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY)));
        } catch (ConditionalCheckFailedException e) {
            throw new KeyConflictException("key log of " + entry.agent() + " already has entry " + entry.sequence()
                    + " in table " + table + ": another writer got there first", e);
        } catch (SdkException e) {
            throw failure(entry.agent(), e);
        }
    }

    @Override
    public void delete(AgentId agent) {
        try {
            for (KeyLogEntry entry : read(agent).entries()) {
                dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of(
                        StorePlan.CONTROL_PARTITION_KEY, s(agent.value()),
                        StorePlan.CONTROL_SORT_KEY, s(sortKey(entry.sequence())))));
            }
        } catch (SdkException e) {
            throw failure(agent, e);
        }
    }

    private static String sortKey(long sequence) {
        return PREFIX + String.format(Locale.ROOT, "%08d", sequence);
    }

    private IdentityException failure(AgentId agent, SdkException e) {
        return new IdentityException("key log of " + agent + " in table " + table + ": "
                + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
