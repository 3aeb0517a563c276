package dev.heartwood.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Records every AWS call made through the clients it is registered with: service, operation,
 * start and end, and for DynamoDB the capacity units the table charged. Registered through
 * {@code new AwsClients(settings, List.of(recorder))}.
 *
 * <p>It changes one thing in a request: DynamoDB calls are asked to return their consumed capacity
 * ({@code ReturnConsumedCapacity=TOTAL}), which alters nothing the call does, so that the cost
 * table prices the units the table really charged instead of a guess per operation.
 */
final class RequestRecorder implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("heartwood.bench.started");

    private final List<RecordedRequest> recorded = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, capacityUnits(context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // A conditional write that lost still costs its units; the exception does not say how many.
        record(attributes, context.response().map(RequestRecorder::capacityUnits).orElse(0.0));
    }

    /** Forgets everything recorded so far: the next {@link #take()} holds only what follows. */
    synchronized void clear() {
        recorded.clear();
    }

    /** What was recorded since the last {@link #clear()} or {@code take()}, which it also clears. */
    synchronized Recording take() {
        Recording recording = new Recording(recorded);
        recorded.clear();
        return recording;
    }

    private void record(ExecutionAttributes attributes, double units) {
        long end = System.nanoTime();
        Long start = attributes.getAttribute(STARTED);
        String service = Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)).orElse("?");
        String operation = Optional.ofNullable(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).orElse("?");
        RecordedRequest request = new RecordedRequest(service, operation, start == null ? end : start, end, units);
        synchronized (this) {
            recorded.add(request);
        }
    }

    private static double capacityUnits(SdkResponse response) {
        return switch (response) {
            case GetItemResponse r -> units(r.consumedCapacity());
            case QueryResponse r -> units(r.consumedCapacity());
            case PutItemResponse r -> units(r.consumedCapacity());
            case UpdateItemResponse r -> units(r.consumedCapacity());
            case DeleteItemResponse r -> units(r.consumedCapacity());
            case TransactWriteItemsResponse r -> r.consumedCapacity().stream().mapToDouble(RequestRecorder::units).sum();
            case BatchWriteItemResponse r -> r.consumedCapacity().stream().mapToDouble(RequestRecorder::units).sum();
            default -> 0.0;
        };
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0.0 : capacity.capacityUnits();
    }
}
