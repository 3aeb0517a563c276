package dev.heartwood.infra;

import static dev.heartwood.infra.TemplateJson.arnOf;
import static dev.heartwood.infra.TemplateJson.list;
import static dev.heartwood.infra.TemplateJson.map;
import static dev.heartwood.infra.TemplateJson.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What wakes the functions: Scheduler (group, roles, tick, backups), the SQS queue, the webhook API — and the outputs per-agent schedules need. */
class TriggersTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static TemplateJson template;

    @BeforeAll
    static void synthesize() {
        template = Synth.template(Synth.context(Map.of("agents", "agent-7f3a, agent-b21e", "apiRateLimit", 5, "apiBurstLimit", 9)));
    }

    @Test
    void scheduleGroup_whenSynthesized_isNamedAfterThePrefix() {
        assertThat(template.ofType("AWS::Scheduler::ScheduleGroup").values()).singleElement()
                .satisfies(group -> assertThat(TemplateJson.properties(group).get("Name")).isEqualTo(Synth.PREFIX));
    }

    @Test
    void dispatchTick_whenSynthesized_invokesTheDispatchAliasEveryMinuteWithTheTimeItReads() throws Exception {
        Map<String, Object> tick = template.with("AWS::Scheduler::Schedule", "Name", "dispatch-tick");
        assertThat(tick.get("ScheduleExpression")).isEqualTo("rate(1 minute)");
        assertThat(tick.get("GroupName")).isEqualTo(Synth.PREFIX);
        Map<String, Object> target = map(tick.get("Target"));
        assertThat(target.get("Arn")).isEqualTo(ref(alias(FunctionKind.DISPATCH)));
        JsonNode input = JSON.readTree((String) target.get("Input"));
        assertThat(input.get("time").asText()).isEqualTo("<aws.scheduler.scheduled-time>");
        String tickRole = (String) list(map(target.get("RoleArn")).get("Fn::GetAtt")).getFirst();
        assertThat(grants(tickRole)).containsExactly("lambda:InvokeFunction on " + ref(alias(FunctionKind.DISPATCH)));
    }

    @Test
    void backupSchedules_forTheListedAgents_sendWhatTheBackupFixturesHold() throws Exception {
        JsonNode hot = JSON.readTree(Path.of("..", "events", "scheduler-backup.json").toFile());
        JsonNode cold = JSON.readTree(Path.of("..", "events", "scheduler-backup-cold.json").toFile());
        Map<String, Object> hourly = template.with("AWS::Scheduler::Schedule", "Name", "agent-7f3a-backup-hot");
        Map<String, Object> weekly = template.with("AWS::Scheduler::Schedule", "Name", "agent-7f3a-backup-cold");
        assertThat(hourly.get("ScheduleExpression")).isEqualTo("rate(1 hour)");
        assertThat(weekly.get("ScheduleExpression")).isEqualTo("rate(7 days)");
        assertThat(JSON.readTree((String) map(hourly.get("Target")).get("Input"))).isEqualTo(hot);
        assertThat(JSON.readTree((String) map(weekly.get("Target")).get("Input"))).isEqualTo(cold);
        assertThat(map(hourly.get("Target")).get("Arn")).isEqualTo(ref(alias(FunctionKind.BACKUP)));
        assertThat(template.ofType("AWS::Scheduler::Schedule")).hasSize(1 + 2 * 2);
    }

    @Test
    void schedulerRole_whenSynthesized_reachesOnlyTheQueueAndTheHeartbeatAndBackupAliases() {
        String role = (String) list(map(map(template.outputs().get("SchedulerRoleArn")).get("Value")).get("Fn::GetAtt")).getFirst();
        String queue = template.idOf("AWS::SQS::Queue", p -> "hw-test-heartbeat.fifo".equals(p.get("QueueName")));
        assertThat(grants(role)).containsExactlyInAnyOrder(
                "sqs:SendMessage on " + arnOf(queue),
                "lambda:InvokeFunction on " + ref(alias(FunctionKind.HEARTBEAT)),
                "lambda:InvokeFunction on " + ref(alias(FunctionKind.BACKUP)));
        Map<String, Object> trust = map(list(map(template.propertiesOf(role).get("AssumeRolePolicyDocument")).get("Statement")).getFirst());
        assertThat(trust.get("Principal")).isEqualTo(Map.of("Service", "scheduler.amazonaws.com"));
        assertThat(trust.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("aws:SourceAccount", Synth.ACCOUNT)));
    }

    @Test
    void outputs_whenSynthesized_holdWhatAPerAgentScheduleNeeds() {
        assertThat(template.outputs()).containsKeys("HeartbeatQueueArn", "ScheduleGroupName", "SchedulerRoleArn",
                "HeartbeatFunctionArn", "WorkerFunctionArn", "DispatchFunctionArn", "WebhookFunctionArn", "BackupFunctionArn",
                "WebhookUrl", "WebhookSecretArn", "MemoryBucketName", "BackupBucketName", "KeyArn", "AlarmTopicArn");
        for (FunctionKind kind : FunctionKind.values()) {
            String name = Character.toUpperCase(kind.handlerName().charAt(0)) + kind.handlerName().substring(1) + "FunctionArn";
            assertThat(map(template.outputs().get(name)).get("Value")).as(name).isEqualTo(ref(alias(kind)));
        }
        assertThat(map(template.outputs().get("ScheduleGroupName")).get("Value")).isEqualTo(Synth.PREFIX);
    }

    @Test
    void webhookApi_whenSynthesized_routesOnlyPostTurnsToTheWebhookAlias() {
        List<Object> routes = template.ofType("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> TemplateJson.properties(r).get("RouteKey")).map(Object.class::cast).toList();
        assertThat(routes).containsExactly("POST /agents/{agentId}/turns");
        Map<String, Object> integration = template.ofType("AWS::ApiGatewayV2::Integration").values().stream()
                .map(TemplateJson::properties).findFirst().orElseThrow();
        assertThat(integration.get("IntegrationUri")).isEqualTo(ref(alias(FunctionKind.WEBHOOK)));
        assertThat(integration.get("PayloadFormatVersion")).isEqualTo("2.0");
    }

    @Test
    void webhookApi_whenSynthesized_throttlesAtTheConfiguredRate() {
        Map<String, Object> stage = template.with("AWS::ApiGatewayV2::Stage", "StageName", "$default");
        assertThat(stage.get("DefaultRouteSettings")).isEqualTo(Map.of("ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 9));
    }

    private static String alias(FunctionKind kind) {
        return template.idOf("AWS::Lambda::Alias", p -> ref(FunctionsTest.functionId(template, kind)).equals(p.get("FunctionName")));
    }

    /** "action on resource" for every pair the role's policies allow. */
    private static Set<String> grants(String role) {
        Set<String> grants = new TreeSet<>();
        for (Map<String, Object> statement : IamTest.statementsOfRole(template, role)) {
            for (Object action : list(statement.get("Action"))) {
                for (Object resource : list(statement.get("Resource"))) {
                    grants.add(action + " on " + resource);
                }
            }
        }
        return grants;
    }
}
