package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A {@link KeyVault} for many agents, where a secret each ($0.40 a month) would add up: each key
 * document is sealed with AES-256-GCM under a fresh KMS data key and stored in the control table as
 * items {@code signing-key#current} and {@code signing-key#previous} of the agent's partition.
 *
 * <p>{@code KmsEnvelope} binds each sealed key to its agent (the KMS encryption context) and to its
 * item (the GCM associated data), so keys cannot be swapped between agents or items.
 *
 * <p>Each instance caches decrypted keys by the item's {@code key_id} and {@code version}: every
 * read does a strongly consistent GetItem (cheap) and calls KMS Decrypt (the cost to avoid) only when
 * the item changed, so another instance's rotation is seen at once.
 */
public final class KmsEnvelopeKeyVault implements KeyVault {

    static final String CURRENT = "signing-key#current";
    static final String PREVIOUS = "signing-key#previous";
    static final String KEY_ID = "key_id";
    static final String KMS_KEY_ARN = "kms_key_arn";
    static final String ENCRYPTED_DATA_KEY = "encrypted_data_key";
    static final String IV = "iv";
    static final String CIPHERTEXT = "ciphertext";
    static final String CREATED_AT = "created_at";
    static final String VERSION = "version";
    private static final String PARTITION = StorePlan.CONTROL_PARTITION_KEY;
    private static final String SORT = StorePlan.CONTROL_SORT_KEY;

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;
    private final String table;
    private final Clock clock;
    private final KmsEnvelope envelope;
    private final KeyCache cache = new KeyCache();

    public KmsEnvelopeKeyVault(AwsClients clients, String kmsKeyId, String table) {
        this(clients, kmsKeyId, table, Clock.systemUTC());
    }

    /**
     * @param kmsKeyId the symmetric KMS key that encrypts data keys: key id, key ARN, alias name or alias ARN
     * @param table the control table (keys {@code agent_id}/{@code item}, see {@link StorePlan})
     */
    public KmsEnvelopeKeyVault(AwsClients clients, String kmsKeyId, String table, Clock clock) {
        if (kmsKeyId == null || kmsKeyId.isBlank()) {
            throw new IllegalArgumentException("KMS key id is empty: expected a key id, key ARN or alias");
        }
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("control table name is empty");
        }
        this.dynamoDb = clients.dynamoDb();
        this.settings = clients.settings();
        this.table = table;
        this.envelope = new KmsEnvelope(clients.kms(), clients.settings(), kmsKeyId);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void create(AgentId agent, AgentKey key) {
        Map<String, AttributeValue> item = seal(agent, CURRENT, new KeyDocument(agent, key, clock.instant()), 1);
        try {
            dynamo(agent, "item " + CURRENT, () -> {
                try {
                    return dynamoDb.putItem(b -> b.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(#p)").expressionAttributeNames(Map.of("#p", PARTITION)));
                } catch (ConditionalCheckFailedException e) {
                    throw new KeyConflictException("agent " + agent + " already has a key in table " + table
                            + " (item " + CURRENT + "): nothing was overwritten (rotate it instead)", e);
                }
            });
        } finally {
            cache.invalidate(slot(agent, CURRENT));
        }
    }

    @Override
    public Optional<AgentKey> current(AgentId agent) {
        return load(agent, CURRENT);
    }

    @Override
    public Optional<AgentKey> previous(AgentId agent) {
        return load(agent, PREVIOUS);
    }

    private Optional<AgentKey> load(AgentId agent, String item) {
        long ticket = cache.ticket();
        Map<String, AttributeValue> row = getItem(agent, item);
        if (row.isEmpty()) {
            // Deleted elsewhere: do not keep that key in memory any longer.
            cache.invalidate(slot(agent, item));
            return Optional.empty();
        }
        return Optional.of(open(agent, item, row, ticket).key());
    }

    /**
     * One transaction puts the new current item, on condition that the stored one is still
     * {@code expectedCurrent} at the version we read, and the replaced key (re-sealed for its new
     * item name) as previous: a racing rotation fails the condition and changes nothing.
     * A retry after success finds {@code next} current and does nothing.
     */
    @Override
    public void rotate(AgentId agent, AgentPublicKey expectedCurrent, AgentKey next) {
        try {
            long ticket = cache.ticket();
            Map<String, AttributeValue> row = getItem(agent, CURRENT);
            if (row.isEmpty()) {
                throw new UnknownAgentException(agent, "table " + table);
            }
            String found = string(row, KEY_ID, agent, CURRENT);
            if (found.equals(next.publicKey().did())) {
                return;
            }
            if (!found.equals(expectedCurrent.did())) {
                throw new KeyConflictException("agent " + agent + ": table " + table + " holds key " + found + ", not the expected "
                        + expectedCurrent.did() + ": another rotation came first, nothing was changed");
            }
            long version = number(row, VERSION, agent, CURRENT);
            KeyDocument replaced = open(agent, CURRENT, row, ticket);
            try {
                Map<String, AttributeValue> nextItem = seal(agent, CURRENT, new KeyDocument(agent, next, clock.instant()), version + 1);
                Map<String, AttributeValue> previousItem = seal(agent, PREVIOUS, replaced, version);
                transact(agent, "rotation",
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(nextItem)
                                .conditionExpression("#k = :expected AND #v = :version")
                                .expressionAttributeNames(Map.of("#k", KEY_ID, "#v", VERSION))
                                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromS(found),
                                        ":version", AttributeValue.fromN(Long.toString(version))))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(table).item(previousItem)).build());
            } finally {
                replaced.key().destroy();
            }
        } finally {
            cache.invalidate(slot(agent, CURRENT));
            cache.invalidate(slot(agent, PREVIOUS));
        }
    }

    /** Deletes both items in one transaction, so no previous key outlives its identity. */
    @Override
    public void delete(AgentId agent) {
        try {
            transact(agent, "delete",
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(agent, CURRENT))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(agent, PREVIOUS))).build());
        } finally {
            cache.invalidate(slot(agent, CURRENT));
            cache.invalidate(slot(agent, PREVIOUS));
        }
    }

    /** The item's key, from this instance's cache when key_id and version are unchanged; the caller owns the result. */
    private KeyDocument open(AgentId agent, String item, Map<String, AttributeValue> row, long ticket) {
        String slot = slot(agent, item);
        String stamp = string(row, KEY_ID, agent, item) + "#" + number(row, VERSION, agent, item);
        Optional<KeyDocument> hit = cache.get(slot).filter(e -> e.stamp().equals(stamp)).flatMap(KeyCache.Entry::copy);
        if (hit.isPresent()) {
            return hit.get();
        }
        KeyDocument document = unseal(agent, item, row);
        KeyDocument copy = KeyCache.copyOf(document);
        cache.put(slot, ticket, stamp, document, clock.instant());
        return copy;
    }

    private Map<String, AttributeValue> seal(AgentId agent, String item, KeyDocument document, long version) {
        KmsEnvelope.Sealed sealed = envelope.seal(agent, item, document, source(agent, item));
        return Map.of(
                PARTITION, AttributeValue.fromS(agent.value()),
                SORT, AttributeValue.fromS(item),
                KEY_ID, AttributeValue.fromS(document.key().publicKey().did()),
                KMS_KEY_ARN, AttributeValue.fromS(sealed.kmsKeyArn()),
                ENCRYPTED_DATA_KEY, AttributeValue.fromB(sealed.encryptedDataKey()),
                IV, AttributeValue.fromB(SdkBytes.fromByteArray(sealed.iv())),
                CIPHERTEXT, AttributeValue.fromB(SdkBytes.fromByteArray(sealed.ciphertext())),
                CREATED_AT, AttributeValue.fromS(document.createdAt().toString()),
                VERSION, AttributeValue.fromN(Long.toString(version)));
    }

    private KeyDocument unseal(AgentId agent, String item, Map<String, AttributeValue> row) {
        KmsEnvelope.Sealed sealed = new KmsEnvelope.Sealed(string(row, KMS_KEY_ARN, agent, item),
                binary(row, ENCRYPTED_DATA_KEY, agent, item), binary(row, IV, agent, item).asByteArray(),
                binary(row, CIPHERTEXT, agent, item).asByteArray());
        KeyDocument document = envelope.open(agent, item, sealed, source(agent, item));
        if (!document.key().publicKey().did().equals(string(row, KEY_ID, agent, item))) {
            document.key().destroy();
            throw new KeyFormatException(source(agent, item) + ": the sealed key does not match the item's key_id (tampered)");
        }
        return document;
    }

    private void transact(AgentId agent, String what, TransactWriteItem... items) {
        dynamo(agent, "signing-key items (" + what + ")", () -> {
            try {
                return dynamoDb.transactWriteItems(b -> b.transactItems(items));
            } catch (TransactionCanceledException e) {
                if (lostRace(e)) {
                    throw new KeyConflictException("agent " + agent + ": the signing key in table " + table
                            + " changed during the " + what + ": another writer came first, nothing was changed", e);
                }
                throw e;
            }
        });
    }

    private static boolean lostRace(TransactionCanceledException e) {
        if (e.hasCancellationReasons()) {
            return e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
        }
        return e.getMessage() != null && e.getMessage().contains("ConditionalCheckFailed");
    }

    private Map<String, AttributeValue> getItem(AgentId agent, String item) {
        return dynamo(agent, "item " + item, () -> {
            var response = dynamoDb.getItem(b -> b.tableName(table).key(key(agent, item)).consistentRead(true));
            return response.hasItem() ? response.item() : Map.of();
        });
    }

    private <T> T dynamo(AgentId agent, String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw new IdentityException("agent " + agent + ": " + what + " in table " + table + ": "
                    + SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
        }
    }

    private String source(AgentId agent, String item) {
        return "agent " + agent + ": item " + item + " in table " + table;
    }

    private static Map<String, AttributeValue> key(AgentId agent, String item) {
        return Map.of(PARTITION, AttributeValue.fromS(agent.value()), SORT, AttributeValue.fromS(item));
    }

    private static String slot(AgentId agent, String item) {
        return agent + "/" + item;
    }

    private String string(Map<String, AttributeValue> row, String attribute, AgentId agent, String item) {
        AttributeValue value = row.get(attribute);
        if (value == null || value.s() == null) {
            throw new KeyFormatException(source(agent, item) + ": attribute " + attribute + " is missing or not a string");
        }
        return value.s();
    }

    private long number(Map<String, AttributeValue> row, String attribute, AgentId agent, String item) {
        AttributeValue value = row.get(attribute);
        try {
            return Long.parseLong(value == null ? "" : value.n());
        } catch (NumberFormatException e) {
            throw new KeyFormatException(source(agent, item) + ": attribute " + attribute + " is missing or not a whole number");
        }
    }

    private SdkBytes binary(Map<String, AttributeValue> row, String attribute, AgentId agent, String item) {
        AttributeValue value = row.get(attribute);
        if (value == null || value.b() == null) {
            throw new KeyFormatException(source(agent, item) + ": attribute " + attribute + " is missing or not binary");
        }
        return value.b();
    }
}
