package dev.heartwood.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.dispatch.AgentSchedules;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/** Per-agent schedules in EventBridge Scheduler (moto): what the targets receive, updates, removal. */
@AwsIntegrationTest
class SchedulerAgentSchedulesIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/heartwood-scheduler";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:heartwood-heartbeat.fifo";
    private static final String BACKUP = "arn:aws:lambda:us-east-1:123456789012:function:heartwood-backup:live";

    private final AwsClients clients;
    private final String group;
    private final AgentId agent = AgentId.of("agent-sched");

    SchedulerAgentSchedulesIT(AwsEmulator emulator) {
        clients = new AwsClients(AwsSettings.fromEnvironment(emulator.environment()));
        group = emulator.uniquePrefix();
        clients.scheduler().createScheduleGroup(b -> b.name(group));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    private GetScheduleResponse schedule(String name) {
        return clients.scheduler().getSchedule(b -> b.groupName(group).name(name));
    }

    @Test
    void ensure_createsAHeartbeatToTheQueueInTheAgentsGroupWithTheSchedulersContext() {
        AgentSchedules schedules = new SchedulerAgentSchedules(clients,
                new SchedulerAgentSchedules.Settings(group, ROLE, QUEUE, Optional.empty()));

        var ensured = schedules.ensure(agent, Duration.ofMinutes(15));

        assertThat(ensured).containsExactly(new AgentSchedules.Ensured("agent-sched-heartbeat", "rate(15 minutes)", true));
        GetScheduleResponse heartbeat = schedule("agent-sched-heartbeat");
        assertThat(heartbeat.scheduleExpression()).isEqualTo("rate(15 minutes)");
        assertThat(heartbeat.target().arn()).isEqualTo(QUEUE);
        assertThat(heartbeat.target().roleArn()).isEqualTo(ROLE);
        assertThat(heartbeat.target().sqsParameters().messageGroupId()).isEqualTo("agent-sched");
        assertThat(heartbeat.target().input()).isEqualTo("{\"agentId\":\"agent-sched\","
                + "\"scheduledTime\":\"<aws.scheduler.scheduled-time>\",\"executionId\":\"<aws.scheduler.execution-id>\"}");
    }

    @Test
    void ensure_again_updatesTheCadenceAndAddsBackupsWhenConfigured() {
        new SchedulerAgentSchedules(clients, new SchedulerAgentSchedules.Settings(group, ROLE, QUEUE, Optional.empty()))
                .ensure(agent, Duration.ofMinutes(15));
        AgentSchedules withBackups = new SchedulerAgentSchedules(clients,
                new SchedulerAgentSchedules.Settings(group, ROLE, QUEUE, Optional.of(BACKUP)));

        var ensured = withBackups.ensure(agent, Duration.ofHours(1));

        assertThat(ensured).extracting(AgentSchedules.Ensured::name, AgentSchedules.Ensured::created).containsExactly(
                org.assertj.core.groups.Tuple.tuple("agent-sched-heartbeat", false),
                org.assertj.core.groups.Tuple.tuple("agent-sched-backup-hot", true),
                org.assertj.core.groups.Tuple.tuple("agent-sched-backup-cold", true));
        assertThat(schedule("agent-sched-heartbeat").scheduleExpression()).isEqualTo("rate(60 minutes)");
        assertThat(schedule("agent-sched-backup-hot").target().input()).isEqualTo("{\"agentId\":\"agent-sched\",\"tier\":\"hot\"}");
        assertThat(schedule("agent-sched-backup-cold").scheduleExpression()).isEqualTo("cron(0 3 ? * SUN *)");
        assertThat(schedule("agent-sched-backup-cold").target().arn()).isEqualTo(BACKUP);
    }

    @Test
    void remove_deletesEverySchedule_andASecondRemoveFindsNone() {
        AgentSchedules schedules = new SchedulerAgentSchedules(clients,
                new SchedulerAgentSchedules.Settings(group, ROLE, QUEUE, Optional.of(BACKUP)));
        schedules.ensure(agent, Duration.ofMinutes(30));

        assertThat(schedules.remove(agent)).containsExactly("agent-sched-heartbeat", "agent-sched-backup-hot",
                "agent-sched-backup-cold");
        assertThat(schedules.remove(agent)).isEmpty();
        assertThatThrownBy(() -> schedule("agent-sched-heartbeat")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void settings_whenAVariableIsMissing_nameIt() {
        assertThatThrownBy(() -> SchedulerAgentSchedules.Settings.fromEnvironment(
                Map.of("HEARTWOOD_SCHEDULER_ROLE_ARN", ROLE), "heartwood"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTWOOD_HEARTBEAT_TARGET_ARN is not set");
        assertThatThrownBy(() -> new SchedulerAgentSchedules(clients,
                new SchedulerAgentSchedules.Settings(group, ROLE, QUEUE, Optional.empty())).ensure(agent, Duration.ofSeconds(90)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of minutes");
    }
}
