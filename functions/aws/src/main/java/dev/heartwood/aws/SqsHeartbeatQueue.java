package dev.heartwood.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.dispatch.DispatchException;
import dev.heartwood.core.dispatch.HeartbeatQueue;
import dev.heartwood.core.dispatch.WakeUp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Wake-ups on the FIFO heartbeat queue, ten per SendMessageBatch. Each message is exactly what
 * EventBridge Scheduler would send, {@code {"agentId", "scheduledTime", "executionId"}}, so the
 * worker cannot tell the two sources apart; its group is the agent (one agent's wake-ups in order,
 * different agents in parallel) and its deduplication id is the agent and slot, never the body:
 * two ticks' bodies differ in {@code executionId} and must still count as one.
 *
 * <p>The queue URL is looked up by name on first use and kept for the life of the container.
 */
public final class SqsHeartbeatQueue implements HeartbeatQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final AwsSettings settings;
    private final String queueName;
    private volatile String queueUrl;

    public SqsHeartbeatQueue(AwsClients clients, String queueName) {
        this.sqs = clients.sqs();
        this.settings = clients.settings();
        this.queueName = queueName;
    }

    @Override
    public List<Rejected> enqueue(List<WakeUp> wakeUps) {
        if (wakeUps.size() > MAX_BATCH) {
            throw new IllegalArgumentException("wakeUps: at most " + MAX_BATCH + " per request, got " + wakeUps.size());
        }
        if (wakeUps.isEmpty()) {
            return List.of();
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(wakeUps.size());
        for (int i = 0; i < wakeUps.size(); i++) {
            WakeUp wakeUp = wakeUps.get(i);
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(body(wakeUp))
                    .messageGroupId(wakeUp.agent().value())
                    .messageDeduplicationId(wakeUp.deduplicationId())
                    .build());
        }
        String url = url();
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        } catch (QueueDoesNotExistException e) {
            queueUrl = null;
            throw missing(e);
        } catch (SdkException e) {
            throw failure(e);
        }
        return response.failed().stream()
                .map(f -> new Rejected(wakeUps.get(Integer.parseInt(f.id())), f.code()
                        + (Boolean.TRUE.equals(f.senderFault()) ? " (sender fault)" : "") + ": " + f.message()))
                .toList();
    }

    /** The body the worker parses; field order as Scheduler's input, for people reading the queue. */
    static String body(WakeUp wakeUp) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("agentId", wakeUp.agent().value());
        body.put("scheduledTime", wakeUp.scheduledTime().toString());
        body.put("executionId", wakeUp.executionId());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of three strings did not serialize", impossible);
        }
    }

    private String url() {
        String url = queueUrl;
        if (url == null) {
            try {
                url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw missing(e);
            } catch (SdkException e) {
                throw failure(e);
            }
            queueUrl = url;
        }
        return url;
    }

    private DispatchException missing(QueueDoesNotExistException e) {
        return new DispatchException("heartbeat queue " + queueName + " does not exist at "
                + settings.describeEndpoint(AwsService.SQS) + ": create it with heartwood --aws bootstrap", e);
    }

    private DispatchException failure(SdkException e) {
        return new DispatchException("heartbeat queue " + queueName + ": "
                + SdkFailures.describe(e, AwsService.SQS, settings), e);
    }
}
