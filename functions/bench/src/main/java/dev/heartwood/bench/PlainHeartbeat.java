package dev.heartwood.bench;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The cold-start baseline: a plain Java handler that makes the same AWS calls as a real
 * heartbeat running a due task, in the same waves (the lease beside the reads, its release in
 * the journal's last transaction), straight on the SDK clients: no ports, no
 * HEARTBEAT.md parsing or planning, no signing, no relay post, no redaction. What the real
 * heartbeat costs beyond this is what Heartwood's own code costs a cold start.
 */
final class PlainHeartbeat {

    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final AwsClients clients;
    private final String bucket;
    private final String control;
    private final String prefix;
    private final Clock clock;

    PlainHeartbeat(AwsClients clients, StoreNames names, Clock clock) {
        this.clients = clients;
        this.s3 = clients.s3();
        this.dynamoDb = clients.dynamoDb();
        this.bucket = names.nameOf(StoreRole.MEMORY_BUCKET);
        this.control = names.nameOf(StoreRole.CONTROL_TABLE);
        this.prefix = names.prefix();
        this.clock = clock;
    }

    /** @return a one-line note of what it did */
    String run(String agent) {
        Instant now = clock.instant();
        String slot = now.toString();
        String heartbeatKey = "agents/" + agent + "/HEARTBEAT.md";
        String logKey = "agents/" + agent + "/memory/" + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".md";
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            var lease = CompletableFuture.runAsync(() -> dynamoDb.updateItem(b -> b.tableName(control)
                    .key(key(agent, "plain-lease"))
                    .updateExpression("SET #owner = :owner, expires_at_ms = :expiry ADD fencing_token :one")
                    .conditionExpression("attribute_not_exists(#sk) OR expires_at_ms < :now")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY, "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s("plain"), ":expiry", n(now.toEpochMilli() + 300_000),
                            ":one", n(1), ":now", n(now.toEpochMilli())))), wave);
            var heartbeat = CompletableFuture.supplyAsync(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(heartbeatKey)), wave);
            var open = CompletableFuture.supplyAsync(() -> dynamoDb.query(b -> b.tableName(control)
                    .keyConditionExpression("agent_id = :agent AND begins_with(#sk, :journal)")
                    .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))
                    .expressionAttributeValues(Map.of(":agent", s(agent), ":journal", s("plain-journal#")))), wave);
            lease.join();
            var heartbeatFile = heartbeat.join();
            open.join();

            var intent = CompletableFuture.runAsync(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(control).item(Map.of("agent_id", s(agent), "item", s("plain-journal#hello#" + slot),
                            "status", s("STARTED"))).conditionExpression("attribute_not_exists(#sk)")
                            .expressionAttributeNames(Map.of("#sk", StorePlan.CONTROL_SORT_KEY))),
                    t -> t.put(p -> p.tableName(control).item(Map.of("agent_id", s(agent), "item", s("plain-outbox#hello#" + slot),
                            "body", s("{\"text\":\"still here\"}"), "sent", AttributeValue.fromBool(false)))))), wave);
            var log = CompletableFuture.supplyAsync(() -> {
                try {
                    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(logKey));
                } catch (NoSuchKeyException none) {
                    return null; // no log yet today: the append creates it
                }
            }, wave);
            var key = CompletableFuture.runAsync(() -> clients.secretsManager()
                    .getSecretValue(b -> b.secretId(prefix + "/agents/" + agent + "/signing-key")), wave);
            intent.join();
            var logFile = log.join();
            key.join();

            String line = "- " + slot + " ran hello slot " + slot + ": done\n";
            var done = CompletableFuture.runAsync(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                    t -> t.update(u -> u.tableName(control).key(key(agent, "plain-journal#hello#" + slot))
                            .updateExpression("SET #status = :done").expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":done", s("DONE")))),
                    t -> t.update(u -> u.tableName(control).key(key(agent, "plain-outbox#hello#" + slot))
                            .updateExpression("SET sent = :yes").expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))),
                    t -> t.update(u -> u.tableName(control).key(key(agent, "plain-lease"))
                            .updateExpression("SET expires_at_ms = :zero").expressionAttributeValues(Map.of(":zero", n(0)))))),
                    wave);
            var appendLog = CompletableFuture.runAsync(() -> s3.putObject(b -> {
                b.bucket(bucket).key(logKey);
                if (logFile == null) {
                    b.ifNoneMatch("*");
                } else {
                    b.ifMatch(logFile.response().eTag());
                }
            }, RequestBody.fromString((logFile == null ? "" : logFile.asUtf8String()) + line)), wave);
            GetObjectResponse read = heartbeatFile.response();
            var writeHeartbeat = CompletableFuture.runAsync(() -> s3.putObject(b -> b.bucket(bucket).key(heartbeatKey)
                    .ifMatch(read.eTag()), RequestBody.fromString(heartbeatFile.asUtf8String() + "  - last: " + slot + " done\n")),
                    wave);
            done.join();
            appendLog.join();
            writeHeartbeat.join();
        }
        return "done hello slot " + slot;
    }

    private static Map<String, AttributeValue> key(String agent, String item) {
        return Map.of(StorePlan.CONTROL_PARTITION_KEY, s(agent), StorePlan.CONTROL_SORT_KEY, s(item));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
