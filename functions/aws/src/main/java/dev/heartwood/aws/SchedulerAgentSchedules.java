package dev.heartwood.aws;

import dev.heartwood.core.dispatch.AgentSchedules;
import dev.heartwood.core.dispatch.ScheduleException;
import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * The agent's schedules in EventBridge Scheduler, in one schedule group: {@code {agent}-heartbeat}
 * to the heartbeat queue (message group = agent) or the heartbeat function, and, when a backup
 * target is configured, {@code {agent}-backup-hot} (hourly) and {@code {agent}-backup-cold} (Sundays
 * 03:00 UTC) to the backup function. Scheduler sends the target the schedule's input with its own
 * context filled in — the scheduled time and an execution id — which is what the handlers read.
 */
public final class SchedulerAgentSchedules implements AgentSchedules {

    /** Where schedules go and whom they run as; the CDK stack outputs each value. */
    public record Settings(String group, String roleArn, String heartbeatTargetArn, Optional<String> backupTargetArn) {

        public static final String GROUP_VARIABLE = "HEARTWOOD_SCHEDULE_GROUP";
        public static final String ROLE_VARIABLE = "HEARTWOOD_SCHEDULER_ROLE_ARN";
        public static final String HEARTBEAT_TARGET_VARIABLE = "HEARTWOOD_HEARTBEAT_TARGET_ARN";
        public static final String BACKUP_TARGET_VARIABLE = "HEARTWOOD_BACKUP_TARGET_ARN";

        public Settings {
            requireArn(ROLE_VARIABLE, roleArn);
            requireArn(HEARTBEAT_TARGET_VARIABLE, heartbeatTargetArn);
            backupTargetArn.ifPresent(arn -> requireArn(BACKUP_TARGET_VARIABLE, arn));
            if (group == null || !group.matches("[0-9a-zA-Z._-]{1,64}")) {
                throw new IllegalArgumentException(GROUP_VARIABLE + " '" + group
                        + "' is not a schedule group name (1-64 of letters, digits, '.', '_', '-')");
            }
        }

        /**
         * Reads the variables above; the group defaults to the name prefix.
         *
         * @throws IllegalArgumentException naming the variable that is missing or wrong
         */
        public static Settings fromEnvironment(Map<String, String> environment, String prefix) {
            String backup = environment.get(BACKUP_TARGET_VARIABLE);
            return new Settings(environment.getOrDefault(GROUP_VARIABLE, prefix).strip(),
                    value(environment, ROLE_VARIABLE), value(environment, HEARTBEAT_TARGET_VARIABLE),
                    backup == null || backup.isBlank() ? Optional.empty() : Optional.of(backup.strip()));
        }

        private static String value(Map<String, String> environment, String variable) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(variable + " is not set: per-agent schedules need it (the CDK"
                        + " stack outputs it; see docs/deploy.md)");
            }
            return value.strip();
        }

        private static void requireArn(String variable, String value) {
            if (value == null || !value.startsWith("arn:")) {
                throw new IllegalArgumentException(variable + " '" + value + "' is not an ARN");
            }
        }
    }

    static final String COLD_BACKUP_EXPRESSION = "cron(0 3 ? * SUN *)";

    private final SchedulerClient scheduler;
    private final AwsSettings aws;
    private final Settings settings;

    public SchedulerAgentSchedules(AwsClients clients, Settings settings) {
        this.scheduler = clients.scheduler();
        this.aws = clients.settings();
        this.settings = settings;
    }

    @Override
    public List<Ensured> ensure(AgentId agent, Duration every) {
        if (every.compareTo(Duration.ofMinutes(1)) < 0 || every.toSecondsPart() != 0 || every.toNanosPart() != 0) {
            throw new IllegalArgumentException("a heartbeat schedule runs every whole number of minutes, at least 1;"
                    + " got " + every);
        }
        long minutes = every.toMinutes();
        List<Ensured> ensured = new ArrayList<>();
        ensured.add(put(agent + "-heartbeat", "rate(" + minutes + (minutes == 1 ? " minute)" : " minutes)"),
                target(settings.heartbeatTargetArn(), agent, "{\"agentId\":\"" + agent
                        + "\",\"scheduledTime\":\"<aws.scheduler.scheduled-time>\","
                        + "\"executionId\":\"<aws.scheduler.execution-id>\"}")));
        settings.backupTargetArn().ifPresent(backup -> {
            ensured.add(put(agent + "-backup-hot", "rate(1 hour)",
                    target(backup, agent, "{\"agentId\":\"" + agent + "\",\"tier\":\"hot\"}")));
            ensured.add(put(agent + "-backup-cold", COLD_BACKUP_EXPRESSION,
                    target(backup, agent, "{\"agentId\":\"" + agent + "\",\"tier\":\"cold\"}")));
        });
        return List.copyOf(ensured);
    }

    @Override
    public List<String> remove(AgentId agent) {
        List<String> removed = new ArrayList<>();
        for (String name : List.of(agent + "-heartbeat", agent + "-backup-hot", agent + "-backup-cold")) {
            try {
                scheduler.deleteSchedule(b -> b.groupName(settings.group()).name(name));
                removed.add(name);
            } catch (ResourceNotFoundException gone) {
                // not scheduled: nothing to remove
            } catch (SdkException e) {
                throw failure("delete schedule " + name, e);
            }
        }
        return List.copyOf(removed);
    }

    private Target target(String arn, AgentId agent, String input) {
        Target.Builder target = Target.builder().arn(arn).roleArn(settings.roleArn()).input(input);
        if (arn.startsWith("arn:aws:sqs:") || arn.contains(":sqs:")) {
            // One message group per agent: the worker sees an agent's heartbeats in order, one at a time.
            target.sqsParameters(p -> p.messageGroupId(agent.value()));
        }
        return target.build();
    }

    private Ensured put(String name, String expression, Target target) {
        try {
            scheduler.createSchedule(b -> b.groupName(settings.group()).name(name).scheduleExpression(expression)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target));
            return new Ensured(name, expression, true);
        } catch (ConflictException exists) {
            try {
                scheduler.updateSchedule(b -> b.groupName(settings.group()).name(name).scheduleExpression(expression)
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target));
                return new Ensured(name, expression, false);
            } catch (SdkException e) {
                throw failure("update schedule " + name, e);
            }
        } catch (SdkException e) {
            throw failure("create schedule " + name, e);
        }
    }

    private ScheduleException failure(String action, SdkException e) {
        return new ScheduleException("cannot " + action + " in schedule group " + settings.group() + ": "
                + SdkFailures.describe(e, AwsService.SCHEDULER, aws), e);
    }
}
