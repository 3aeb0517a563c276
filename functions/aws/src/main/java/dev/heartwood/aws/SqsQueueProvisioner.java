package dev.heartwood.aws;

import dev.heartwood.core.bootstrap.BootstrapException;
import dev.heartwood.core.bootstrap.Provisioned;
import dev.heartwood.core.bootstrap.QueueProvisioner;
import dev.heartwood.core.bootstrap.QueueSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Creates FIFO queues and points their redrive policy at the dead-letter queue. */
public final class SqsQueueProvisioner implements QueueProvisioner {

    /** A dead-letter queue keeps messages for the longest SQS allows, so an outage can be investigated. */
    static final String FOURTEEN_DAYS = "1209600";
    private static final Pattern TARGET = Pattern.compile("\"deadLetterTargetArn\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MAX_RECEIVES = Pattern.compile("\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)\"?");

    private final SqsClient sqs;
    private final AwsSettings settings;

    public SqsQueueProvisioner(AwsClients clients) {
        this.sqs = clients.sqs();
        this.settings = clients.settings();
    }

    @Override
    public Provisioned ensure(QueueSpec queue) {
        try {
            Optional<String> redrive = queue.deadLetter().map(dlq -> redrivePolicy(queue, dlq));
            Optional<String> url = urlOf(queue.name());
            String detail = "FIFO, content-based deduplication" + queue.deadLetter().map(dlq -> ", dead letters to " + dlq + " after "
                    + queue.maxReceiveCount() + " receives").orElse("");
            if (url.isEmpty()) {
                create(queue, redrive);
                return Provisioned.created(queue, detail);
            }
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url.get())
                    .attributeNames(QueueAttributeName.FIFO_QUEUE, QueueAttributeName.REDRIVE_POLICY,
                            QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).attributes();
            if (!"true".equalsIgnoreCase(attributes.get(QueueAttributeName.FIFO_QUEUE))) {
                throw new BootstrapException(queue, "exists but is not a FIFO queue: choose another prefix or remove it");
            }
            Map<QueueAttributeName, String> changes = new EnumMap<>(QueueAttributeName.class);
            List<String> changed = new java.util.ArrayList<>();
            if (redrive.isPresent() && !sameRedrive(redrive.get(), attributes.get(QueueAttributeName.REDRIVE_POLICY))) {
                changes.put(QueueAttributeName.REDRIVE_POLICY, redrive.get());
                changed.add("redrive set");
            }
            if (!"true".equalsIgnoreCase(attributes.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION))) {
                changes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
                changed.add("content-based deduplication on");
            }
            if (!changes.isEmpty()) {
                sqs.setQueueAttributes(b -> b.queueUrl(url.get()).attributes(changes));
                return Provisioned.updated(queue, String.join(", ", changed) + ": " + detail);
            }
            return Provisioned.existed(queue, detail);
        } catch (BootstrapException e) {
            throw e;
        } catch (SdkException e) {
            throw new BootstrapException(queue, SdkFailures.describe(e, AwsService.SQS, settings), e);
        }
    }

    private Optional<String> urlOf(String name) {
        try {
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    private void create(QueueSpec queue, Optional<String> redrive) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        // EventBridge Scheduler cannot set a deduplication id on an SQS target: the body (which
        // carries the scheduled time) has to be the deduplication key.
        attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        redrive.ifPresentOrElse(
                policy -> attributes.put(QueueAttributeName.REDRIVE_POLICY, policy),
                () -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, FOURTEEN_DAYS));
        sqs.createQueue(b -> b.queueName(queue.name()).attributes(attributes));
    }

    private String redrivePolicy(QueueSpec queue, String deadLetterQueue) {
        String dlqUrl = urlOf(deadLetterQueue).orElseThrow(() -> new BootstrapException(queue,
                "its dead-letter queue " + deadLetterQueue + " does not exist: create it first"));
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}";
    }

    /** Compares the two fields we set; SQS may echo the policy with other spacing or number types. */
    static boolean sameRedrive(String wanted, String actual) {
        if (actual == null) {
            return false;
        }
        return field(TARGET, wanted).equals(field(TARGET, actual))
                && field(MAX_RECEIVES, wanted).equals(field(MAX_RECEIVES, actual));
    }

    private static String field(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        return m.find() ? m.group(1) : "";
    }
}
