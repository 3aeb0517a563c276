package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.testkit.AwsEmulator;
import dev.heartwood.testkit.AwsIntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * {@code heartwood drill} as a user runs it from the shipped jar: on the embedded default, and
 * with {@code --aws} in two regions of the emulators. Each must pass every check and leave
 * nothing behind.
 */
@AwsIntegrationTest
class DrillJarIT {

    private static final List<String> CHECKS = List.of("A ran its due task and left one pending",
            "backup written, reopened and equal to A", "A destroyed", "same public key and did:key", "memory Merkle root equal",
            "chat history equal", "pending task resumed unprompted, same message id",
            "relay accepted B's signed message without re-registration", "proactive work goes on",
            "zero messages re-sent", "no private key material in the backup, the stores or the logs");
    private static final Pattern AWS_SITES = Pattern.compile(
            "Migration drill on AWS: A in (\\S+) \\(prefix (\\S+)\\), B in (\\S+) \\(prefix (\\S+)\\);");

    @TempDir
    Path tmp;

    /** The report: one line per check, each starting with its mark. */
    private static List<String> reportLines(String out) {
        return out.lines().filter(l -> l.startsWith("✅") || l.startsWith("❌")).toList();
    }

    private static void assertPassedEveryCheck(HeartwoodJar.Run run) {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        List<String> report = reportLines(run.out());
        assertThat(report).as(run.out()).hasSize(CHECKS.size()).allSatisfy(line -> assertThat(line).startsWith("✅ "));
        for (int i = 0; i < CHECKS.size(); i++) {
            assertThat(report.get(i)).startsWith("✅ " + CHECKS.get(i));
        }
        assertThat(run.out()).contains("Drill passed: " + CHECKS.size() + " checks.");
    }

    @Test
    void drill_onTheEmbeddedDefault_passesEveryCheckAndRemovesItsDirectory() throws Exception {
        HeartwoodJar.Run run = new HeartwoodJar(tmp, Map.of()).run("drill");

        assertPassedEveryCheck(run);
        Matcher dir = Pattern.compile("Migration drill on the embedded default in (\\S+) ").matcher(run.out());
        assertThat(dir.find()).as(run.out()).isTrue();
        assertThat(Path.of(dir.group(1))).doesNotExist();
        assertThat(tmp.resolve("user-home/.heartwood")).as("the user's own home is not touched").doesNotExist();
    }

    @Test
    void drill_onAws_passesEveryCheckBetweenTwoRegionsAndRemovesEveryStore(AwsEmulator emulator) throws Exception {
        HeartwoodJar.Run run = new HeartwoodJar(tmp, emulator.environment()).run("--aws", "drill");

        assertPassedEveryCheck(run);
        Matcher sites = AWS_SITES.matcher(run.out());
        assertThat(sites.find()).as(run.out()).isTrue();
        String regionA = sites.group(1);
        String regionB = sites.group(3);
        assertThat(regionA).isEqualTo(emulator.environment().get("AWS_REGION"));
        assertThat(regionB).isNotEqualTo(regionA);
        assertThat(run.out()).contains("restore into AWS region " + regionB + ", prefix " + sites.group(4));
        assertThat(reportLines(run.out()).get(2)).endsWith(" in " + regionA);
        Set<String> left = new LinkedHashSet<>(); // S3 lists every region's buckets
        for (String region : List.of(regionA, regionB)) {
            Map<String, String> env = new HashMap<>(emulator.environment());
            env.put("AWS_REGION", region);
            try (AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(env))) {
                for (String prefix : List.of(sites.group(2), sites.group(4))) {
                    left.addAll(storesOf(clients, region, prefix));
                }
            }
        }
        assertThat(left).as("stores the drill left behind").isEmpty();
    }

    private static List<String> storesOf(AwsClients clients, String region, String prefix) {
        List<String> found = new ArrayList<>();
        clients.s3().listBuckets().buckets().stream().map(Bucket::name).filter(n -> n.startsWith(prefix + "-"))
                .forEach(n -> found.add("bucket " + n));
        clients.dynamoDb().listTables().tableNames().stream().filter(n -> n.startsWith(prefix + "-"))
                .forEach(n -> found.add("table " + n + " in " + region));
        clients.sqs().listQueues(b -> b.queueNamePrefix(prefix + "-")).queueUrls()
                .forEach(u -> found.add("queue " + u + " in " + region));
        clients.secretsManager().listSecrets().secretList().stream().filter(s -> s.name().startsWith(prefix + "/"))
                .forEach(s -> found.add("secret " + s.name() + " in " + region));
        return found;
    }
}
