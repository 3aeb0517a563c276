package dev.heartwood.infra;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One Heartwood installation: stores, functions, triggers and alarms under one name prefix.
 * Outputs are what {@code aws scheduler create-schedule} needs for an agent's own schedules.
 */
public final class HeartwoodStack extends Stack {

    final Stores stores;
    final Functions functions;
    final Schedules schedules;
    final WebhookApi webhookApi;
    final Alarms alarms;

    HeartwoodStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        StorePlan plan = StorePlan.forInstallation(settings.names(), settings.maxReceiveCount());
        stores = new Stores(this, "Stores", settings, plan);
        functions = new Functions(this, "Functions", settings, stores);
        schedules = new Schedules(this, "Schedules", settings, functions, stores.queue(StoreRole.HEARTBEAT_QUEUE));
        webhookApi = new WebhookApi(this, "Webhook", settings, functions.alias(FunctionKind.WEBHOOK));
        alarms = new Alarms(this, "Alarms", settings, stores, functions);
        Tags.of(this).add("heartwood:prefix", settings.prefix());

        output("HeartbeatQueueArn", stores.queue(StoreRole.HEARTBEAT_QUEUE).getQueueArn(),
                "SQS target of per-agent heartbeat schedules (MessageGroupId = agent id)");
        output("ScheduleGroupName", schedules.group.getName(), "the group per-agent schedules go in");
        output("SchedulerRoleArn", schedules.schedulerRole.getRoleArn(), "the role per-agent schedules run as");
        for (FunctionKind kind : FunctionKind.values()) {
            output(capitalized(kind.handlerName()) + "FunctionArn", functions.alias(kind).getFunctionArn(),
                    "the " + kind.handlerName() + " function's " + Functions.ALIAS + " alias (SnapStart version)");
        }
        output("WebhookUrl", webhookApi.stage.getUrl() + "agents/{agentId}/turns", "POST a turn here");
        output("WebhookSecretArn", functions.webhookSecret.getSecretArn(), "the secret webhook senders sign with");
        output("MemoryBucketName", stores.bucket(StoreRole.MEMORY_BUCKET).getBucketName(), "memory files");
        output("BackupBucketName", stores.bucket(StoreRole.BACKUP_BUCKET).getBucketName(), "backups (Object Lock)");
        output("KeyArn", stores.key.getKeyArn(), "the project KMS key");
        output("AlarmTopicArn", alarms.topic.getTopicArn(), "where the alarms go");
    }

    /** The stack of one installation, named after its prefix so two installations can share an account. */
    static HeartwoodStack create(Construct scope, StackSettings settings) {
        Environment.Builder environment = Environment.builder();
        if (settings.region() != null) {
            environment.region(settings.region());
        }
        if (settings.account() != null) {
            environment.account(settings.account());
        }
        return new HeartwoodStack(scope, "Heartwood-" + settings.prefix(), StackProps.builder()
                .env(environment.build())
                .description("Heartwood installation " + settings.prefix() + ": agents that outlive their machines")
                .build(), settings);
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
