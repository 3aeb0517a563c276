package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.StoreRole;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The alarms an operator acts on, all sent to one SNS topic (with an e-mail subscription when
 * {@code alarmEmail} is given). docs/deploy.md says what each means and what to do.
 */
final class Alarms extends Construct {

    final Topic topic;

    Alarms(Construct scope, String id, StackSettings settings, Stores stores, Functions functions) {
        super(scope, id);
        String prefix = settings.prefix();
        // No topic policy of our own: one would replace the default policy CloudWatch publishes under.
        topic = Topic.Builder.create(this, "Topic").topicName(prefix + "-alarms").displayName("Heartwood " + prefix + " alarms")
                .build();
        if (settings.alarmEmail() != null) {
            topic.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }

        alarm("DeadLetters", prefix + "-dlq-not-empty",
                "Heartbeat messages were dead-lettered after " + settings.maxReceiveCount() + " receives: an agent missed beats."
                        + " Inspect and redrive " + stores.queue(StoreRole.DEAD_LETTER_QUEUE).getQueueName(),
                stores.queue(StoreRole.DEAD_LETTER_QUEUE).metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, TreatMissingData.NOT_BREACHING);

        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        for (FunctionKind kind : FunctionKind.values()) {
            Function function = functions.function(kind);
            alarm(kind.handlerName() + "-errors", prefix + "-" + kind.handlerName() + "-errors",
                    "The " + kind.handlerName() + " function failed (threw, timed out or ran out of memory)",
                    function.metricErrors(fiveMinutes), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                    TreatMissingData.NOT_BREACHING);
            alarm(kind.handlerName() + "-throttles", prefix + "-" + kind.handlerName() + "-throttles",
                    "Invocations of the " + kind.handlerName() + " function were throttled (account or reserved concurrency)",
                    function.metricThrottles(fiveMinutes), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                    TreatMissingData.NOT_BREACHING);
        }

        // Beats, fleet-wide: heartbeat and worker invocations that did not fail, per heartbeat period.
        // The handlers emit no per-agent metric, so this sees the heartbeat path stop (schedules gone,
        // queue stuck, functions failing), not one agent among many falling silent.
        Duration period = Duration.minutes(settings.heartbeatMinutes());
        MetricOptions perPeriod = MetricOptions.builder().period(period).statistic("Sum").build();
        IMetric beats = MathExpression.Builder.create()
                .expression("FILL(hbInvocations, 0) - FILL(hbErrors, 0) + FILL(workerInvocations, 0) - FILL(workerErrors, 0)")
                .usingMetrics(Map.of(
                        "hbInvocations", functions.function(FunctionKind.HEARTBEAT).metricInvocations(perPeriod),
                        "hbErrors", functions.function(FunctionKind.HEARTBEAT).metricErrors(perPeriod),
                        "workerInvocations", functions.function(FunctionKind.WORKER).metricInvocations(perPeriod),
                        "workerErrors", functions.function(FunctionKind.WORKER).metricErrors(perPeriod)))
                .label("heartbeats")
                .period(period)
                .build();
        alarm("HeartbeatAge", prefix + "-heartbeat-age",
                "No heartbeat ran without error for 3 periods of " + settings.heartbeatMinutes() + " minutes",
                beats, 1, ComparisonOperator.LESS_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);

        // Per agent, for the agents the stack knows (context `agents`): the heartbeat and worker
        // functions write one Embedded Metric Format line per heartbeat (Heartwood/Heartbeat by
        // AgentId), so one agent falling silent among many is seen too.
        for (var agent : settings.agents()) {
            Metric agentBeats = Metric.Builder.create().namespace("Heartwood").metricName("Heartbeat")
                    .dimensionsMap(Map.of("AgentId", agent.value())).statistic("Sum").period(period).build();
            alarm("HeartbeatAge-" + agent.value(), prefix + "-" + agent.value() + "-heartbeat-age",
                    "Agent " + agent.value() + " has not beaten for 3 periods of " + settings.heartbeatMinutes() + " minutes",
                    agentBeats, 1, ComparisonOperator.LESS_THAN_THRESHOLD, 3, TreatMissingData.BREACHING);
        }
    }

    private void alarm(String id, String name, String description, IMetric metric, double threshold,
            ComparisonOperator comparison, int periods, TreatMissingData missing) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
    }
}
