package dev.heartwood.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The HTTP API in front of the webhook function: one route, {@code POST /agents/{agentId}/turns}, and
 * no catch-all, so a request without an agent in its path never reaches the function. The stage
 * throttles every route, because each accepted request costs a model call.
 */
final class WebhookApi extends Construct {

    static final String ROUTE = "/agents/{agentId}/turns";

    final HttpApi api;
    final HttpStage stage;

    WebhookApi(Construct scope, String id, StackSettings settings, IFunction webhook) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "Api")
                .apiName(settings.prefix() + "-webhook")
                .description("Heartwood webhook: a conversational turn for one agent")
                .createDefaultStage(false)
                .build();
        stage = HttpStage.Builder.create(this, "Stage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(settings.apiRateLimit()).burstLimit(settings.apiBurstLimit()).build())
                .build();
        api.addRoutes(AddRoutesOptions.builder()
                .path(ROUTE)
                .methods(List.of(HttpMethod.POST))
                .integration(HttpLambdaIntegration.Builder.create("Webhook", webhook)
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build())
                .build());
    }
}
