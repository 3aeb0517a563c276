package dev.heartwood.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Public on-demand list prices, region us-east-1, without free tiers or savings plans, as
 * published on each service's pricing page (aws.amazon.com/{lambda,s3,dynamodb,secrets-manager,kms,
 * eventbridge,sqs}/pricing) and read on {@value #AS_OF}. Every figure the bench prints in dollars
 * comes from here; docs/benchmarks.md repeats the table.
 */
record PriceTable(double lambdaGbSecond, double lambdaRequest, double s3PutClass, double s3GetClass, double dynamoDbWriteUnit,
        double dynamoDbReadUnit, double secretsManagerCall, double kmsRequest, double schedulerInvocation, double sqsRequest) {

    static final String AS_OF = "2025-06 (DynamoDB on-demand after its 2024-11-01 reduction)";

    /** us-east-1: Lambda on Arm (the stack's architecture), S3 Standard, DynamoDB on-demand standard table class, SQS FIFO. */
    static final PriceTable US_EAST_1 = new PriceTable(
            0.0000133334,       // Lambda Arm, $ per GB-second (first 7.5 billion GB-s a month)
            0.20 / 1e6,         // Lambda, $0.20 per million requests
            0.005 / 1e3,        // S3 Standard PUT, COPY, POST, LIST: $0.005 per 1,000
            0.0004 / 1e3,       // S3 Standard GET, SELECT and all other requests: $0.0004 per 1,000
            0.625 / 1e6,        // DynamoDB on-demand: $0.625 per million write request units
            0.125 / 1e6,        // DynamoDB on-demand: $0.125 per million read request units
            0.05 / 1e4,         // Secrets Manager: $0.05 per 10,000 API calls
            0.03 / 1e4,         // KMS: $0.03 per 10,000 requests
            1.00 / 1e6,         // EventBridge Scheduler: $1.00 per million invocations (after 14 million free)
            0.50 / 1e6);        // SQS FIFO: $0.50 per million requests

    private static final Set<String> S3_PUT_CLASS = Set.of("PutObject", "CopyObject", "PostObject", "ListObjects",
            "ListObjectsV2", "ListObjectVersions", "ListBuckets", "CreateMultipartUpload", "UploadPart",
            "CompleteMultipartUpload");
    private static final Set<String> S3_FREE = Set.of("DeleteObject", "DeleteObjects");
    private static final Set<String> DYNAMODB_READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    /** One line of a bill: what, how many per heartbeat, and dollars per million heartbeats. */
    record Line(String item, double perHeartbeat, String unit, double dollarsPerMillion) {
    }

    /**
     * Dollars per million heartbeats, line by line: one Lambda invocation at {@code memoryMb} for
     * {@code seconds}, one Scheduler invocation that triggers it, and the AWS calls of
     * {@code heartbeats} recorded heartbeats, averaged.
     */
    List<Line> perMillionHeartbeats(List<Recording> heartbeats, int memoryMb, double seconds) {
        double n = heartbeats.size();
        List<Line> lines = new ArrayList<>();
        double gbSeconds = memoryMb / 1024.0 * seconds;
        lines.add(new Line("Lambda duration (" + memoryMb + " MB, Arm)", gbSeconds, "GB-s", gbSeconds * lambdaGbSecond * 1e6));
        lines.add(new Line("Lambda request", 1, "request", lambdaRequest * 1e6));
        lines.add(new Line("Scheduler invocation (the trigger)", 1, "invocation", schedulerInvocation * 1e6));
        Map<String, Long> counts = new java.util.TreeMap<>();
        Map<String, Double> units = new java.util.TreeMap<>();
        for (Recording heartbeat : heartbeats) {
            heartbeat.byType().forEach((type, count) -> counts.merge(type, count, Long::sum));
            for (String type : heartbeat.byType().keySet()) {
                units.merge(type, heartbeat.capacityUnits(type), Double::sum);
            }
        }
        counts.forEach((type, count) -> {
            String service = type.substring(0, type.indexOf('.'));
            String operation = type.substring(type.indexOf('.') + 1);
            double perHeartbeat = count / n;
            switch (service.toLowerCase(java.util.Locale.ROOT)) {
                case "s3" -> {
                    double price = S3_FREE.contains(operation) ? 0 : S3_PUT_CLASS.contains(operation) ? s3PutClass : s3GetClass;
                    lines.add(new Line(type, perHeartbeat, "request", perHeartbeat * price * 1e6));
                }
                case "dynamodb" -> {
                    boolean read = DYNAMODB_READS.contains(operation);
                    // A call whose units the table did not report (a lost condition) is charged one unit.
                    double reported = units.getOrDefault(type, 0.0) / n;
                    double perCall = reported > 0 ? reported : perHeartbeat;
                    lines.add(new Line(type + " (" + count / n + " calls)", perCall, read ? "RRU" : "WRU",
                            perCall * (read ? dynamoDbReadUnit : dynamoDbWriteUnit) * 1e6));
                }
                case "secretsmanager" -> lines.add(new Line(type, perHeartbeat, "call", perHeartbeat * secretsManagerCall * 1e6));
                case "kms" -> lines.add(new Line(type, perHeartbeat, "request", perHeartbeat * kmsRequest * 1e6));
                case "sqs" -> lines.add(new Line(type, perHeartbeat, "request", perHeartbeat * sqsRequest * 1e6));
                case "scheduler" -> lines.add(new Line(type, perHeartbeat, "call", 0));
                default -> lines.add(new Line(type + " (not priced)", perHeartbeat, "request", 0));
            }
        });
        return List.copyOf(lines);
    }

    static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::dollarsPerMillion).sum();
    }
}
