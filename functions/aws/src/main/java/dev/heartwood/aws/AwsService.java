package dev.heartwood.aws;

/**
 * The services Heartwood talks to, with the identifier the AWS SDKs and CLI use in the standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} variables.
 */
public enum AwsService {
    S3("S3", "S3"),
    DYNAMODB("DYNAMODB", "DynamoDB"),
    SECRETS_MANAGER("SECRETS_MANAGER", "Secrets Manager"),
    SQS("SQS", "SQS"),
    KMS("KMS", "KMS"),
    SCHEDULER("SCHEDULER", "EventBridge Scheduler"),
    BEDROCK_RUNTIME("BEDROCK_RUNTIME", "Bedrock Runtime");

    private final String endpointId;
    private final String displayName;

    AwsService(String endpointId, String displayName) {
        this.endpointId = endpointId;
        this.displayName = displayName;
    }

    /** The variable that overrides this service's endpoint alone, e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}. */
    public String endpointVariable() {
        return AwsSettings.ENDPOINT_URL + "_" + endpointId;
    }

    public String displayName() {
        return displayName;
    }
}
