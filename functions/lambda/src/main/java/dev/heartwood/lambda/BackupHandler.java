package dev.heartwood.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RunBackup;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * {@code QUARKUS_LAMBDA_HANDLER=backup}: one agent's backup, invoked by the hourly (hot) and
 * weekly (cold) EventBridge Scheduler schedules with input {@code {"agentId", "tier"}}. A backup
 * that fails throws, so the invocation fails and the schedule's retry policy (and its DLQ) see it.
 */
@Named("backup")
public class BackupHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final System.Logger LOG = System.getLogger("heartwood.lambda.backup");

    @Inject
    RunBackup backup;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        AgentId agent;
        BackupTier tier;
        try {
            Object agentId = input == null ? null : input.get("agentId");
            if (!(agentId instanceof String text)) {
                throw new IllegalArgumentException("agentId: " + (agentId == null ? "missing" : "not a string")
                        + ", expected an agent id such as \"agent-7f3a\"");
            }
            agent = AgentId.of(text);
            Object tierName = input.get("tier");
            if (!(tierName instanceof String tierText)) {
                throw new IllegalArgumentException("tier: " + (tierName == null ? "missing" : "not a string")
                        + ", expected \"hot\" or \"cold\"");
            }
            try {
                tier = BackupTier.parse(tierText);
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("tier: " + unknown.getMessage(), unknown);
            }
        } catch (IllegalArgumentException invalid) {
            LOG.log(System.Logger.Level.WARNING, "backup input rejected: {0}", invalid.getMessage());
            return Map.of("status", "rejected", "reason", invalid.getMessage());
        }
        RunBackup.Result result = backup.run(agent, tier);
        LOG.log(System.Logger.Level.INFO, "backed up {0} ({1}): {2}, {3} bytes, pruned {4}", agent, tier.label(),
                result.archiveName(), result.archiveBytes(), result.pruned().size());
        return Map.of("status", "done", "agentId", agent.value(), "tier", tier.label(), "archive", result.archiveName(),
                "manifest", result.manifestName(), "merkleRoot", result.manifest().merkleRoot(),
                "pruned", result.pruned());
    }
}
