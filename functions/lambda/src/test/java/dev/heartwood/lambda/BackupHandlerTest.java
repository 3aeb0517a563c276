package dev.heartwood.lambda;

import static dev.heartwood.lambda.BackupWiring.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.recovery.BackupArchive;
import dev.heartwood.core.recovery.BackupEntry;
import dev.heartwood.core.recovery.OpenedBackup;
import dev.heartwood.core.recovery.TrustedSigners;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backup handler behind the mock event server: a schedule's input in, a backup that opens in the store. */
@QuarkusTest
@TestProfile(BackupHandlerTest.BackupFunction.class)
class BackupHandlerTest {

    /** The same function.zip configured as the backup function. */
    public static class BackupFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "backup");
        }
    }

    private static final String SOUL = "# Soul\n\nCalm and curious; keeps the greenhouse alive.\n";
    private static final String HEARTBEAT = "# Heartbeat\n\n## Periodic checks\n\n"
            + "- **hello** relay.post `good morning` — every 30m\n\n## Next actions\n";

    @Inject
    BackupWiring wiring;

    @ParameterizedTest
    @CsvSource({"scheduler-backup.json, hot", "scheduler-backup-cold.json, cold"})
    void handleRequest_onABackupSchedule_storesABackupOfThatTierThatOpensWithTheAgentsMemory(String fixture,
            String tier) {
        wiring.memory.write(AGENT, MemoryPath.SOUL, SOUL, new WriteCondition.Unconditional());
        wiring.memory.write(AGENT, MemoryPath.HEARTBEAT, HEARTBEAT, new WriteCondition.Unconditional());

        JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture(fixture));

        String archive = "agent-7f3a/" + tier + "/agent-7f3a-" + tier + "-20261122T091000Z.tar.age";
        String manifest = "agent-7f3a/" + tier + "/agent-7f3a-" + tier + "-20261122T091000Z.manifest.json";
        assertThat(reply.getString("status")).isEqualTo("done");
        assertThat(reply.getString("agentId")).isEqualTo("agent-7f3a");
        assertThat(reply.getString("tier")).isEqualTo(tier);
        assertThat(reply.getString("archive")).isEqualTo(archive);
        assertThat(reply.getString("manifest")).isEqualTo(manifest);
        assertThat(reply.getList("pruned")).isEmpty();
        assertThat(wiring.backups.list("agent-7f3a/" + tier + "/")).containsExactly(manifest, archive);

        OpenedBackup opened = BackupArchive.open(wiring.backups.read(manifest).orElseThrow(),
                wiring.backups.read(archive).orElseThrow(), TrustedSigners.keys(AGENT, List.of(wiring.agentKey)),
                wiring.operator.identity());

        assertThat(opened.manifest().merkleRoot()).isEqualTo(reply.getString("merkleRoot")).matches("[0-9a-f]{64}");
        assertThat(opened.manifest().tier().label()).isEqualTo(tier);
        assertThat(opened.entries()).extracting(BackupEntry::path).containsExactly("chat/rows.jsonl",
                "control/journal.jsonl", "identity/keylog.jsonl", "identity/public.pem", "memory/HEARTBEAT.md",
                "memory/SOUL.md");
        assertThat(text(opened, "memory/SOUL.md")).isEqualTo(SOUL);
        assertThat(text(opened, "memory/HEARTBEAT.md")).isEqualTo(HEARTBEAT);
        assertThat(text(opened, "identity/keylog.jsonl")).contains(wiring.agentKey.did());
        assertThat(text(opened, "identity/public.pem")).isEqualTo(wiring.agentKey.pem());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "invalid/backup-scheduled.json   | agentId: missing",
            "invalid/backup-missing-agent.json | agentId: missing",
            "invalid/backup-bad-tier.json    | backup tier 'hourly' is not known: expected hot or cold"})
    void handleRequest_whenTheAgentIsMissingOrTheTierUnknown_rejectsNamingTheFieldAndStoresNothing(String fixture,
            String reason) {
        wiring.memory.write(AGENT, MemoryPath.SOUL, SOUL, new WriteCondition.Unconditional());
        List<String> before = wiring.backups.list("");

        JsonPath reply = LambdaEvents.invoke(LambdaEvents.fixture(fixture));

        assertThat(reply.getString("status")).isEqualTo("rejected");
        assertThat(reply.getString("reason")).contains(reason);
        assertThat(reply.getString("archive")).isNull();
        assertThat(wiring.backups.list("")).isEqualTo(before);
    }

    private static String text(OpenedBackup backup, String path) {
        return backup.entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .map(e -> new String(e.content(), StandardCharsets.UTF_8)).orElseThrow();
    }
}
