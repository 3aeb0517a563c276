package dev.heartwood.bench;

import java.util.Objects;

/**
 * One AWS call as the SDK made it, retries included.
 *
 * @param service the SDK's service name, e.g. {@code S3}, {@code DynamoDB}
 * @param operation the API operation, e.g. {@code GetObject}
 * @param startNanos {@link System#nanoTime()} when the SDK began the call
 * @param endNanos when it finished, successfully or not
 * @param capacityUnits DynamoDB capacity units the call consumed as the table reported them, else 0
 */
record RecordedRequest(String service, String operation, long startNanos, long endNanos, double capacityUnits) {

    RecordedRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos: expected at or after startNanos " + startNanos + ", got " + endNanos);
        }
    }

    /** {@code Service.Operation}, the key requests are counted and priced by. */
    String type() {
        return service + "." + operation;
    }
}
