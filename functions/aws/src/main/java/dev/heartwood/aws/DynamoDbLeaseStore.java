package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The agent's lease as one item of the control table, sort key {@code lease}: owner, fencing
 * token and expiry in epoch milliseconds. Taking it is one conditional UpdateItem that succeeds
 * only if the item is new or expired and increments the token with ADD in the same write, so two
 * racing invocations cannot both win nor see the same token, and the loser learns it at once.
 *
 * <p>The item deliberately carries no {@code expires_at}: the table's TTL would delete an
 * abandoned lease, the next acquisition would start again from token 1, and a stalled holder of
 * an old token could then pass for current. One small item per agent is the price of fencing.
 */
public final class DynamoDbLeaseStore implements LeaseStore {

    static final String ITEM = "lease";

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;
    private final Clock clock;

    public DynamoDbLeaseStore(AwsClients clients, String controlTable, Clock clock) {
        this(clients.dynamoDb(), clients.settings(), controlTable, clock);
    }

    DynamoDbLeaseStore(DynamoDbClient dynamoDb, AwsSettings settings, String controlTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.settings = settings;
        this.table = controlTable;
        this.clock = clock;
    }

    @Override
    public Optional<Lease> acquire(AgentId agent, String owner, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease ttl must be positive, got " + ttl);
        }
        Instant now = clock.instant();
        long expiresAtMs = now.plus(ttl).toEpochMilli();
        try {
            UpdateItemResponse taken = dynamoDb.updateItem(b -> b.tableName(table).key(key(agent))
                    .updateExpression("SET #owner = :owner, expires_at_ms = :expiry ADD fencing_token :one")
                    // Held up to and including its expiry instant: free only once now is past it.
                    .conditionExpression("attribute_not_exists(#sk) OR expires_at_ms < :now")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY, "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner),
                            ":expiry", n(expiresAtMs), ":one", n(1), ":now", n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW));
            long token = Long.parseLong(taken.attributes().get("fencing_token").n());
            return Optional.of(new Lease(agent, owner, token, Instant.ofEpochMilli(expiresAtMs)));
        } catch (ConditionalCheckFailedException held) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(agent, "take", e);
        }
    }

    @Override
    public void release(Lease lease) {
        try {
            Update release = releaseUpdate(table, lease);
            dynamoDb.updateItem(b -> b.tableName(table).key(release.key()).updateExpression(release.updateExpression())
                    .conditionExpression(release.conditionExpression())
                    .expressionAttributeValues(release.expressionAttributeValues()));
        } catch (ConditionalCheckFailedException takenOver) {
            // Another invocation holds it under a newer token: its lease is not ours to end.
        } catch (SdkException e) {
            throw failure(lease.agent(), "release", e);
        }
    }

    /**
     * The release as an update of the lease item, for a transaction that ends the holder's work
     * (the journal's last write): expire rather than delete, since the token must survive for the
     * next holder to exceed it; only under the holder's own token.
     */
    static Update releaseUpdate(String table, Lease lease) {
        return Update.builder().tableName(table).key(key(lease.agent()))
                .updateExpression("SET expires_at_ms = :zero")
                .conditionExpression("fencing_token = :mine")
                .expressionAttributeValues(Map.of(":zero", n(0), ":mine", n(lease.fencingToken())))
                .build();
    }

    String table() {
        return table;
    }

    private IllegalStateException failure(AgentId agent, String what, SdkException e) {
        return new IllegalStateException("cannot " + what + " the lease of agent " + agent + " in table " + table + ": "
                + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
    }

    private static Map<String, AttributeValue> key(AgentId agent) {
        return Map.of(StorePlan.CONTROL_PARTITION_KEY, AttributeValue.fromS(agent.value()),
                StorePlan.CONTROL_SORT_KEY, AttributeValue.fromS(ITEM));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
