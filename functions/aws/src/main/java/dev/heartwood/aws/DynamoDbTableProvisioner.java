package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.TableProvisioner;
import dev.heartwood.core.bootstrap.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates on-demand DynamoDB tables with string keys and turns their TTL on. */
public final class DynamoDbTableProvisioner implements TableProvisioner {

    private final DynamoDbClient dynamoDb;
    private final AwsSettings settings;

    public DynamoDbTableProvisioner(AwsClients clients) {
        this.dynamoDb = clients.dynamoDb();
        this.settings = clients.settings();
    }

    @Override
    public Provisioned ensure(TableSpec table) {
        try {
            boolean created = createUnlessPresent(table);
            boolean ttlTurnedOn = table.ttl().isPresent() && turnOnTtl(table, table.ttl().get());
            String detail = "keys " + table.partitionKey() + "/" + table.sortKey()
                    + table.ttl().map(ttl -> ", TTL on " + ttl).orElse("");
            if (created) {
                return Provisioned.created(table, detail);
            }
            return ttlTurnedOn ? Provisioned.updated(table, "TTL turned on for " + table.ttl().get())
                    : Provisioned.existed(table, detail);
        } catch (BootstrapException e) {
            throw e;
        } catch (SdkException e) {
            throw new BootstrapException(table, SdkFailures.describe(e, AwsService.DYNAMODB, settings), e);
        }
    }

    private boolean createUnlessPresent(TableSpec table) {
        TableDescription existing;
        try {
            existing = dynamoDb.describeTable(b -> b.tableName(table.name())).table();
        } catch (ResourceNotFoundException e) {
            return create(table);
        }
        requireSameKeys(table, existing);
        return false;
    }

    private boolean create(TableSpec table) {
        try {
            dynamoDb.createTable(b -> b.tableName(table.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(table.partitionKey())
                                    .attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(table.sortKey())
                                    .attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(table.partitionKey()).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(table.sortKey()).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException e) {
            // Another bootstrap is creating it right now; wait for it like for our own.
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
            requireSameKeys(table, dynamoDb.describeTable(b -> b.tableName(table.name())).table());
            return false;
        }
        // TTL and the first writes need an ACTIVE table, and creation takes seconds on AWS.
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table.name()));
        return true;
    }

    private static void requireSameKeys(TableSpec table, TableDescription existing) {
        Map<KeyType, String> keys = existing.keySchema().stream()
                .collect(Collectors.toMap(KeySchemaElement::keyType, KeySchemaElement::attributeName));
        Map<String, ScalarAttributeType> types = existing.attributeDefinitions().stream()
                .collect(Collectors.toMap(AttributeDefinition::attributeName, AttributeDefinition::attributeType));
        boolean same = table.partitionKey().equals(keys.get(KeyType.HASH))
                && table.sortKey().equals(keys.get(KeyType.RANGE))
                && types.get(table.partitionKey()) == ScalarAttributeType.S
                && types.get(table.sortKey()) == ScalarAttributeType.S;
        if (!same) {
            throw new BootstrapException(table, "exists with keys " + describe(existing.keySchema(), types) + ", expected "
                    + table.partitionKey() + " (S, HASH), " + table.sortKey() + " (S, RANGE): choose another prefix"
                    + " or remove that table");
        }
    }

    private static String describe(List<KeySchemaElement> schema, Map<String, ScalarAttributeType> types) {
        return schema.stream()
                .map(k -> k.attributeName() + " (" + types.get(k.attributeName()) + ", " + k.keyType() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Returns whether TTL had to be turned on. */
    private boolean turnOnTtl(TableSpec table, String attribute) {
        TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(b -> b.tableName(table.name())).timeToLiveDescription();
        TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            if (!attribute.equals(ttl.attributeName())) {
                throw new BootstrapException(table, "has TTL on attribute " + ttl.attributeName() + ", expected "
                        + attribute + ": choose another prefix or change the table's TTL");
            }
            return false;
        }
        dynamoDb.updateTimeToLive(b -> b.tableName(table.name())
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
        return true;
    }
}
