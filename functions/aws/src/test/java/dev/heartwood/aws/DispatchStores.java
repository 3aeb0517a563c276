package dev.heartwood.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.bootstrap.QueueSpec;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.bootstrap.TableSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The stores the dispatch path touches, made as bootstrap makes them, and a worker's view of the queue. */
final class DispatchStores {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String controlTable;
    final String heartbeatQueue;
    private final AwsClients clients;

    DispatchStores(AwsClients clients, String prefix) {
        this.clients = clients;
        StoreNames names = StoreNames.withPrefix(prefix);
        StorePlan plan = StorePlan.forInstallation(names, StorePlan.DEFAULT_MAX_RECEIVE_COUNT);
        for (var store : plan.stores()) {
            switch (store) {
                case TableSpec table when table.role() == StoreRole.CONTROL_TABLE ->
                        new DynamoDbTableProvisioner(clients).ensure(table);
                case QueueSpec queue -> new SqsQueueProvisioner(clients).ensure(queue);
                default -> { }
            }
        }
        controlTable = names.nameOf(StoreRole.CONTROL_TABLE);
        heartbeatQueue = names.nameOf(StoreRole.HEARTBEAT_QUEUE);
    }

    /** Receives and deletes until the queue has nothing visible, as a worker draining it would. */
    List<Message> drain() {
        String url = clients.sqs().getQueueUrl(b -> b.queueName(heartbeatQueue)).queueUrl();
        List<Message> all = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = clients.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            all.addAll(batch);
            for (Message message : batch) {
                clients.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
        return all;
    }

    static String groupOf(Message message) {
        return message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    }

    static String deduplicationIdOf(Message message) {
        return message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID);
    }

    static Map<String, Object> bodyOf(Message message) {
        try {
            return JSON.readValue(message.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new AssertionError("message body is not JSON: " + message.body(), e);
        }
    }
}
