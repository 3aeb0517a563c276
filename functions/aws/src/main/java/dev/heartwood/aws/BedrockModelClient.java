package dev.heartwood.aws;

import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelException.Kind;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import dev.heartwood.core.model.ModelSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * A model on Amazon Bedrock, through the Converse API, which speaks one request shape for every
 * model family on Bedrock (Anthropic, Meta, Mistral, Amazon Nova ...). It signs with the AWS
 * credentials in use; there is no API key.
 */
public final class BedrockModelClient implements ModelClient {

    private final AwsClients clients;
    private final String modelId;
    private final Duration timeout;

    /** @param modelId a model or inference profile id, e.g. {@code anthropic.claude-3-5-haiku-20241022-v1:0} */
    public BedrockModelClient(AwsClients clients, String modelId) {
        this(clients, modelId, ModelSettings.DEFAULT_TIMEOUT);
    }

    /** @param timeout the longest one call may take, retries included; keep it below the function timeout */
    public BedrockModelClient(AwsClients clients, String modelId, Duration timeout) {
        this.clients = Objects.requireNonNull(clients, "clients");
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException(ModelSettings.MODEL + ": expected a Bedrock model id");
        }
        this.modelId = modelId.strip();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(ModelSettings.TIMEOUT + " must be a positive duration, got " + timeout);
        }
        this.timeout = timeout;
    }

    /** A client for {@code settings}, which must name Bedrock as the provider. */
    public static BedrockModelClient from(AwsClients clients, ModelSettings settings) {
        if (settings.provider() != ModelSettings.Provider.BEDROCK) {
            throw new IllegalArgumentException(ModelSettings.PROVIDER + " is " + settings.provider().value()
                    + ": a Bedrock client needs " + ModelSettings.PROVIDER + "=bedrock");
        }
        return new BedrockModelClient(clients, settings.model(), settings.requestTimeout());
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ConverseResponse response;
        try {
            response = clients.bedrockRuntime().converse(converse(request));
        } catch (SdkException e) {
            throw failure(e);
        }
        return reply(response);
    }

    private ConverseRequest converse(ModelRequest request) {
        List<Message> messages = request.messages().stream()
                .map(message -> Message.builder()
                        .role(message.role() == ModelMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                        .content(ContentBlock.fromText(message.text()))
                        .build())
                .toList();
        ConverseRequest.Builder converse = ConverseRequest.builder()
                .modelId(modelId)
                .messages(messages)
                .inferenceConfig(config -> config
                        .maxTokens(request.maxTokens())
                        .temperature((float) request.temperature()))
                // The client's own timeouts are generous defaults; this call's budget is ours.
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
        // Bedrock rejects a blank system block with a ValidationException: leave it out instead.
        if (!request.system().isBlank()) {
            converse.system(SystemContentBlock.fromText(request.system()));
        }
        return converse.build();
    }

    private ModelReply reply(ConverseResponse response) {
        if (response.output() == null || response.output().message() == null) {
            throw new ModelException(Kind.BAD_REPLY, where() + ": the Converse reply holds no message");
        }
        // Reasoning models put a reasoning block before the text, so content[0] need not be the answer:
        // the reply is every text block, in order.
        String text = response.output().message().content().stream()
                .map(ContentBlock::text)
                .filter(Objects::nonNull)
                .collect(Collectors.joining());
        int input = response.usage() == null || response.usage().inputTokens() == null ? 0 : response.usage().inputTokens();
        int output = response.usage() == null || response.usage().outputTokens() == null ? 0 : response.usage().outputTokens();
        return new ModelReply(text, modelId, input, output, response.stopReasonAsString());
    }

    private ModelException failure(SdkException failure) {
        AwsSettings settings = clients.settings();
        String region = settings.region().id();
        if (failure instanceof AwsServiceException refused) {
            String code = refused.awsErrorDetails() == null ? "" : String.valueOf(refused.awsErrorDetails().errorCode());
            int status = refused.statusCode();
            if (status == 403 || code.contains("AccessDenied")) {
                return new ModelException(Kind.ACCESS_DENIED, "Bedrock: no access to model " + modelId + " in region " + region
                        + ": enable it in the Bedrock console or grant bedrock:InvokeModel (" + describe(failure) + ")", failure);
            }
            if (status == 429 || code.contains("Throttling") || code.contains("ServiceQuotaExceeded")) {
                return new ModelException(Kind.RATE_LIMITED, where() + " is rate limited: retry later (" + describe(failure) + ")",
                        failure);
            }
            if (status == 408 || status >= 500 || code.contains("ModelNotReady") || code.contains("ModelTimeout")) {
                return new ModelException(Kind.UNAVAILABLE, where() + " is unavailable: retry later (" + describe(failure) + ")",
                        failure);
            }
            return new ModelException(Kind.BAD_REQUEST, where() + ": " + describe(failure), failure);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new ModelException(Kind.UNAVAILABLE, where() + ": no answer within " + timeout + " ("
                    + ModelSettings.TIMEOUT + "): unavailable, retry later", failure);
        }
        return new ModelException(Kind.UNAVAILABLE, where() + ": " + describe(failure), failure);
    }

    private String describe(SdkException failure) {
        return SdkFailures.describe(failure, AwsService.BEDROCK_RUNTIME, clients.settings());
    }

    private String where() {
        return "Bedrock model " + modelId + " in region " + clients.settings().region().id();
    }

    @Override
    public String toString() {
        return "BedrockModelClient[model=" + modelId + ", region=" + clients.settings().region().id() + ", timeout=" + timeout + "]";
    }
}
