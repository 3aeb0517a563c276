package dev.heartwood.infra;

import dev.heartwood.core.identity.AgentId;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * EventBridge Scheduler: one schedule group per installation (named after the prefix), the role
 * per-agent schedules use to reach the heartbeat queue or the heartbeat and backup functions, the
 * dispatch tick, and the backup schedules of the agents listed in context.
 *
 * <p>Scheduler delivers a schedule's Input as it is, with no envelope, after replacing its
 * {@code <aws.scheduler.…>} placeholders; the handlers read exactly these inputs.
 */
final class Schedules extends Construct {

    /** What the dispatch handler reads: the tick's time, as a scheduled event's {@code time}. */
    static final String TICK_INPUT = "{\"time\":\"<aws.scheduler.scheduled-time>\"}";
    static final String TICK_NAME = "dispatch-tick";

    final CfnScheduleGroup group;
    /** For per-agent schedules: send to the heartbeat queue, invoke the heartbeat or backup function. */
    final Role schedulerRole;
    /** For the dispatch tick only, so a per-agent schedule can never start a fleet tick. */
    final Role tickRole;

    Schedules(Construct scope, String id, StackSettings settings, Functions functions, IQueue heartbeats) {
        super(scope, id);
        Stack stack = Stack.of(this);
        group = CfnScheduleGroup.Builder.create(this, "Group").name(settings.prefix()).build();
        schedulerRole = schedulerRole("SchedulerRole", stack, "Heartwood per-agent schedules (" + settings.prefix() + ")");
        schedulerRole.addToPolicy(allow("HeartbeatQueue", List.of(heartbeats.getQueueArn()), "sqs:SendMessage"));
        schedulerRole.addToPolicy(allow("AgentFunctions", List.of(functions.alias(FunctionKind.HEARTBEAT).getFunctionArn(),
                functions.alias(FunctionKind.BACKUP).getFunctionArn()), "lambda:InvokeFunction"));
        tickRole = schedulerRole("TickRole", stack, "Heartwood dispatch tick (" + settings.prefix() + ")");
        tickRole.addToPolicy(allow("DispatchFunction", List.of(functions.alias(FunctionKind.DISPATCH).getFunctionArn()),
                "lambda:InvokeFunction"));

        CfnSchedule tick = CfnSchedule.Builder.create(this, "DispatchTick")
                .name(TICK_NAME)
                .groupName(group.getName())
                .description("Every minute: enqueue the agents whose wake time has come")
                .scheduleExpression("rate(1 minute)")
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(functions.alias(FunctionKind.DISPATCH).getFunctionArn())
                        .roleArn(tickRole.getRoleArn())
                        .input(TICK_INPUT)
                        // The next tick is the retry, and it enqueues everything this one missed.
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(0)
                                .maximumEventAgeInSeconds(60).build())
                        .build())
                .build();
        tick.getNode().addDependency(group);

        for (AgentId agent : settings.agents()) {
            backupSchedule(agent, "hot", "rate(1 hour)", functions, settings);
            backupSchedule(agent, "cold", "rate(7 days)", functions, settings);
        }
    }

    private void backupSchedule(AgentId agent, String tier, String rate, Functions functions, StackSettings settings) {
        CfnSchedule schedule = CfnSchedule.Builder.create(this, "Backup-" + agent.value() + "-" + tier)
                .name(agent.value() + "-backup-" + tier)
                .groupName(group.getName())
                .description("Heartwood " + tier + " backup of agent " + agent.value())
                .scheduleExpression(rate)
                // Spread over a quarter of an hour, so a fleet's backups do not all start at once.
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("FLEXIBLE")
                        .maximumWindowInMinutes(15).build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(functions.alias(FunctionKind.BACKUP).getFunctionArn())
                        .roleArn(schedulerRole.getRoleArn())
                        .input("{\"agentId\":\"" + agent.value() + "\",\"tier\":\"" + tier + "\"}")
                        .build())
                .build();
        schedule.getNode().addDependency(group);
    }

    /** Scheduler assumes the role only for schedules of this account (the confused-deputy guard AWS recommends). */
    private Role schedulerRole(String id, Stack stack, String description) {
        return Role.Builder.create(this, id)
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com")
                        .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .description(description)
                .build();
    }

    private static PolicyStatement allow(String sid, List<String> resources, String... actions) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(List.of(actions))
                .resources(resources).build();
    }
}
