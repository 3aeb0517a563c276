package dev.heartwood.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BucketSpec;
import dev.heartwood.core.bootstrap.QueueSpec;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.relay.HttpRelay;
import dev.heartwood.relay.RelayHttpServer;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The worker as deployed, end to end on the emulators: the production wiring from environment
 * variables, the real FIFO queue redelivering one message, signed posts over HTTP to a relay.
 */
@AwsIntegrationTest
class WorkerHandlerIT {

    private static final AgentId AGENT = AgentId.of("agent-sqs");

    @TempDir
    Path relayHome;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void handleRequest_aPoisonMessage_isReportedFailedEachTimeAndEndsInTheDeadLetterQueue(AwsEmulator emulator) {
        StoreNames names = StoreNames.withPrefix(emulator.uniquePrefix());
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        closing.add(clients);
        for (var store : StorePlan.forInstallation(names, 3).stores()) {
            if (store instanceof QueueSpec queue) {
                new SqsQueueProvisioner(clients).ensure(queue);
            }
        }
        WorkerHandler worker = new WorkerHandler();
        worker.heartbeat = null; // never reached: the body is refused before any heartbeat
        String queueUrl = clients.sqs().getQueueUrl(b -> b.queueName(names.nameOf(StoreRole.HEARTBEAT_QUEUE))).queueUrl();
        String dlqUrl = clients.sqs().getQueueUrl(b -> b.queueName(names.nameOf(StoreRole.DEAD_LETTER_QUEUE))).queueUrl();
        clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageGroupId("agent-x").messageDeduplicationId("poison")
                .messageBody("{\"agentId\": 42}"));

        int reportedFailed = 0;
        for (int receive = 1; receive <= 4; receive++) {
            List<Message> got = clients.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (got.isEmpty()) {
                break;
            }
            Message message = got.getFirst();
            Map<String, Object> event = Map.of("Records", List.of(Map.of("messageId", message.messageId(),
                    "body", message.body(), "eventSource", "aws:sqs")));
            reportedFailed += ((List<?>) worker.handleRequest(event, null).get("batchItemFailures")).size();
            // What the event source mapping does with a reported failure: leave it, let it come back.
            clients.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }

        assertThat(reportedFailed).as("failed at each of the 3 receives maxReceiveCount allows").isEqualTo(3);
        List<Message> deadLetters = clients.sqs().receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(2)).messages();
        assertThat(deadLetters).singleElement().extracting(Message::body).isEqualTo("{\"agentId\": 42}");
    }

    @Test
    void handleRequest_theSameSqsMessageDeliveredFiveTimes_sendsOneRelayMessage(AwsEmulator emulator) {
        StoreNames names = StoreNames.withPrefix(emulator.uniquePrefix());
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        closing.add(clients);
        for (var store : StorePlan.forInstallation(names, 5).stores()) {
            switch (store) {
                case BucketSpec bucket -> new S3BucketProvisioner(clients).ensure(bucket);
                case TableSpec table -> new DynamoDbTableProvisioner(clients).ensure(table);
                case QueueSpec queue -> new SqsQueueProvisioner(clients).ensure(queue);
            }
        }
        RelayHttpServer server = RelayHttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closing.add(server);
        LoopbackRelay relay = new LoopbackRelay(relayHome, server.baseUri(), Clock.systemUTC());
        server.start(relay);
        AgentStores stores = AwsStores.from(clients, names, Map.of(), Clock.systemUTC());
        new InitAgent(stores.keys(), stores.keyLogs(), new HttpRelay(server.baseUri()), Clock.systemUTC()).run(AGENT);
        stores.memory().write(AGENT, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n", new WriteCondition.Unconditional());
        Map<String, String> env = new HashMap<>(emulator.environment());
        env.put("HEARTWOOD_PREFIX", names.prefix());
        env.put("HEARTWOOD_RELAY_URL", server.baseUri().toString());
        LambdaWiring wiring = new LambdaWiring(env);
        closing.add(wiring::close);
        WorkerHandler worker = new WorkerHandler();
        worker.heartbeat = wiring.runHeartbeat();
        String queueUrl = clients.sqs().getQueueUrl(b -> b.queueName(names.nameOf(StoreRole.HEARTBEAT_QUEUE))).queueUrl();
        clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageGroupId(AGENT.value())
                .messageDeduplicationId("wake-1").messageBody("{\"agentId\":\"agent-sqs\",\"scheduledTime\":\""
                        + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + "\",\"executionId\":\"wake-1\"}"));

        List<Object> failures = new ArrayList<>();
        String receiveCount = null;
        for (int delivery = 1; delivery <= 5; delivery++) {
            Message message = clients.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().getFirst();
            receiveCount = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
            Map<String, Object> event = Map.of("Records", List.of(Map.of("messageId", message.messageId(),
                    "body", message.body(), "eventSource", "aws:sqs")));
            failures.addAll((List<?>) worker.handleRequest(event, null).get("batchItemFailures"));
            // As if the function timed out before SQS saw the delete: the same message comes back.
            clients.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }

        assertThat(receiveCount).isEqualTo("5");
        assertThat(failures).isEmpty();
        assertThat(relay.deliveredBodies(AGENT)).hasSize(1).first().asString().contains("good morning");
    }

    @Test
    void handleRequest_aBatchWithAPoisonMessage_reportsOnlyItAndDeadLettersNoGoodMessage(AwsEmulator emulator) {
        StoreNames names = StoreNames.withPrefix(emulator.uniquePrefix());
        AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        closing.add(clients);
        for (var store : StorePlan.forInstallation(names, 3).stores()) {
            switch (store) {
                case BucketSpec bucket -> new S3BucketProvisioner(clients).ensure(bucket);
                case TableSpec table -> new DynamoDbTableProvisioner(clients).ensure(table);
                case QueueSpec queue -> new SqsQueueProvisioner(clients).ensure(queue);
            }
        }
        Map<String, String> env = new HashMap<>(emulator.environment());
        env.put("HEARTWOOD_PREFIX", names.prefix());
        // None of these agents has anything due, so the relay is never called.
        env.put("HEARTWOOD_RELAY_URL", "https://relay.heartwood.invalid");
        LambdaWiring wiring = new LambdaWiring(env);
        closing.add(wiring::close);
        WorkerHandler worker = new WorkerHandler();
        worker.heartbeat = wiring.runHeartbeat();
        String queueUrl = clients.sqs().getQueueUrl(b -> b.queueName(names.nameOf(StoreRole.HEARTBEAT_QUEUE))).queueUrl();
        String dlqUrl = clients.sqs().getQueueUrl(b -> b.queueName(names.nameOf(StoreRole.DEAD_LETTER_QUEUE))).queueUrl();
        clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageGroupId("agent-x").messageDeduplicationId("poison")
                .messageBody("{\"agentId\": 42}"));
        List<String> good = List.of("agent-x", "agent-y", "agent-z");
        for (String agent : good) {
            clients.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageGroupId(agent).messageDeduplicationId("wake-" + agent)
                    .messageBody("{\"agentId\":\"" + agent + "\",\"scheduledTime\":\"2026-11-22T09:15:00Z\"}"));
        }

        List<Object> firstFailures = null;
        int processed = 0;
        for (int receive = 1; receive <= 6; receive++) {
            List<Message> got = clients.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (got.isEmpty()) {
                break;
            }
            List<Map<String, Object>> records = got.stream().<Map<String, Object>>map(m -> Map.of("messageId", m.messageId(),
                    "body", m.body(), "eventSource", "aws:sqs")).toList();
            List<?> failures = (List<?>) worker.handleRequest(Map.of("Records", records), null).get("batchItemFailures");
            firstFailures = firstFailures == null ? new ArrayList<>(failures) : firstFailures;
            List<String> failed = failures.stream().map(f -> ((Map<?, ?>) f).get("itemIdentifier").toString()).toList();
            // What the event source mapping does: delete what succeeded, let the failures come back.
            for (Message m : got) {
                if (failed.contains(m.messageId())) {
                    clients.sqs().changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                } else {
                    processed++;
                    clients.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }

        assertThat(firstFailures).as("only the poison message is reported").hasSize(1);
        assertThat(processed).as("every good message processed once").isEqualTo(good.size());
        List<Message> deadLetters = clients.sqs().receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        assertThat(deadLetters).singleElement().extracting(Message::body).isEqualTo("{\"agentId\": 42}");
    }
}
