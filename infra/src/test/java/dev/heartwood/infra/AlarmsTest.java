package dev.heartwood.infra;

import static dev.heartwood.infra.TemplateJson.list;
import static dev.heartwood.infra.TemplateJson.map;
import static dev.heartwood.infra.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The alarms: dead letters, errors and throttles per function, heartbeat age; all to one topic. */
class AlarmsTest {

    static TemplateJson template;
    static String topic;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Synth.context(Map.of("alarmEmail", "ops@example.com", "heartbeatMinutes", 10,
                "agents", "scout,agent-7f3a")));
        topic = template.idOf("AWS::SNS::Topic", p -> "hw-test-alarms".equals(p.get("TopicName")));
    }

    @Test
    void deadLetterAlarm_whenSynthesized_firesOnTheFirstDeadLetter() {
        Map<String, Object> alarm = alarm("hw-test-dlq-not-empty");
        String dlq = template.idOf("AWS::SQS::Queue", p -> "hw-test-heartbeat-dlq.fifo".equals(p.get("QueueName")));
        assertThat(alarm).containsEntry("Namespace", "AWS/SQS").containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Threshold", 1).containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "QueueName",
                "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName")))));
    }

    @ParameterizedTest
    @EnumSource(FunctionKind.class)
    void functionAlarms_whenSynthesized_watchErrorsAndThrottlesOfEachFunction(FunctionKind kind) {
        String function = FunctionsTest.functionId(template, kind);
        for (String metric : List.of("Errors", "Throttles")) {
            Map<String, Object> alarm = alarm("hw-test-" + kind.handlerName() + "-" + metric.toLowerCase(java.util.Locale.ROOT));
            assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("MetricName", metric)
                    .containsEntry("Threshold", 1).containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
            assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "FunctionName", "Value", ref(function))));
        }
    }

    @Test
    void agentHeartbeatAgeAlarms_whenAgentsAreGiven_watchEachAgentsOwnBeats() {
        for (String agent : List.of("scout", "agent-7f3a")) {
            Map<String, Object> alarm = alarm("hw-test-" + agent + "-heartbeat-age");
            assertThat(alarm).containsEntry("Namespace", "Heartwood").containsEntry("MetricName", "Heartbeat")
                    .containsEntry("Statistic", "Sum").containsEntry("Period", 10 * 60)
                    .containsEntry("EvaluationPeriods", 3).containsEntry("ComparisonOperator", "LessThanThreshold")
                    .containsEntry("Threshold", 1).containsEntry("TreatMissingData", "breaching");
            assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "AgentId", "Value", agent)));
        }
    }

    @Test
    void heartbeatAgeAlarm_whenSynthesized_firesAfterThreePeriodsWithoutABeat() {
        Map<String, Object> alarm = alarm("hw-test-heartbeat-age");
        assertThat(alarm).containsEntry("EvaluationPeriods", 3).containsEntry("DatapointsToAlarm", 3)
                .containsEntry("ComparisonOperator", "LessThanThreshold").containsEntry("Threshold", 1)
                .containsEntry("TreatMissingData", "breaching");
        List<Map<String, Object>> metrics = list(alarm.get("Metrics")).stream().map(TemplateJson::map).toList();
        assertThat(metrics).filteredOn(m -> m.containsKey("MetricStat")).hasSize(4).allSatisfy(m -> {
            Map<String, Object> stat = map(m.get("MetricStat"));
            assertThat(stat.get("Period")).isEqualTo(10 * 60);
            Map<String, Object> metric = map(stat.get("Metric"));
            assertThat(metric.get("MetricName")).isIn("Invocations", "Errors");
            assertThat(metric.get("Dimensions")).isIn(
                    List.of(Map.of("Name", "FunctionName", "Value", ref(FunctionsTest.functionId(template, FunctionKind.HEARTBEAT)))),
                    List.of(Map.of("Name", "FunctionName", "Value", ref(FunctionsTest.functionId(template, FunctionKind.WORKER)))));
        });
        assertThat(metrics).filteredOn(m -> Boolean.TRUE.equals(m.get("ReturnData"))).singleElement()
                .satisfies(m -> assertThat(String.valueOf(m.get("Expression"))).contains("hbInvocations").contains("workerErrors"));
    }

    @Test
    void everyAlarm_whenSynthesized_notifiesTheTopic_andTheTopicMailsTheGivenAddress() {
        assertThat(template.ofType("AWS::CloudWatch::Alarm")).hasSize(1 + 2 * FunctionKind.values().length + 1 + 2)
                .allSatisfy((id, alarm) -> {
                    assertThat(TemplateJson.properties(alarm).get("AlarmActions")).as(id).isEqualTo(List.of(ref(topic)));
                    assertThat(TemplateJson.properties(alarm).get("OKActions")).as(id).isEqualTo(List.of(ref(topic)));
                });
        assertThat(template.with("AWS::SNS::Subscription", "Protocol", "email")).containsEntry("Endpoint", "ops@example.com")
                .containsEntry("TopicArn", ref(topic));
    }

    @Test
    void topic_withoutAnAlarmEmail_hasNoSubscription() {
        assertThat(Synth.template(Synth.context()).ofType("AWS::SNS::Subscription")).isEmpty();
    }

    private static Map<String, Object> alarm(String name) {
        return template.with("AWS::CloudWatch::Alarm", "AlarmName", name);
    }
}
