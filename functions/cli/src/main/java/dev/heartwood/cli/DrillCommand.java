package dev.heartwood.cli;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.AwsSettings;
import dev.heartwood.aws.AwsStores;
import dev.heartwood.aws.AwsTeardown;
import dev.heartwood.aws.DynamoDbTableProvisioner;
import dev.heartwood.aws.S3BackupStore;
import dev.heartwood.aws.S3BucketProvisioner;
import dev.heartwood.aws.SqsQueueProvisioner;
import dev.heartwood.core.bootstrap.BootstrapStores;
import dev.heartwood.core.bootstrap.StoreNames;
import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.recovery.DrillReport;
import dev.heartwood.core.recovery.DrillSite;
import dev.heartwood.core.recovery.RunDrill;
import dev.heartwood.local.DirectoryStoreProvisioner;
import dev.heartwood.local.FileBackupStore;
import dev.heartwood.local.LocalHome;
import dev.heartwood.local.LocalStores;
import dev.heartwood.local.LoopbackRelay;
import dev.heartwood.local.Passphrase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code heartwood drill}: the migration test end to end, with a report line per check. On the
 * embedded default it runs in a temporary directory (two homes, a loopback relay, a backup
 * directory, a generated passphrase) and touches nothing else; with {@code --aws} it runs in two
 * regions under drill prefixes of their own, and removes them afterwards, backup buckets included.
 */
@Command(name = "drill", header = "Runs the migration test end to end and prints a check per line.",
        description = {"Runs the migration test: create an agent in installation A with memory, chat",
        "and a pending task; back it up; destroy A; restore into B; let B's heartbeats carry on.",
        "Prints one line per check; exit 0 only if every check passed.",
        "Without --aws it works in a temporary directory; with --aws in two regions (A: AWS_REGION, B: --region-b)."})
final class DrillCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Option(names = "--agent", paramLabel = "AGENT", defaultValue = "drill-agent", description = "Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = "--keep", paramLabel = "DIR", description = "Work in DIR (which must not exist) and keep it, to look at"
            + " B's files afterwards; embedded default only.")
    Path keep;

    @Option(names = "--region-b", paramLabel = "REGION", description = "With --aws: installation B's region"
            + " (default: eu-west-1, or us-east-1 when A is eu-west-1).")
    String regionB;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = root.spec.commandLine().getOut();
        DrillClock clock = new DrillClock(Instant.now().truncatedTo(ChronoUnit.HOURS).plus(10, ChronoUnit.MINUTES));
        AgentId id = AgentId.of(agent);
        DrillReport report = root.aws ? onAws(id, clock, out) : embedded(id, clock, out);
        out.println();
        report.checks().forEach(out::println);
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        out.println(report.passed() ? "Drill passed: " + report.checks().size() + " checks."
                : "Drill FAILED: " + failed + " of " + report.checks().size() + " checks.");
        return report.passed() ? 0 : HeartwoodCli.FAILED;
    }

    private DrillReport embedded(AgentId agent, DrillClock clock, PrintWriter out) throws IOException {
        Path dir;
        if (keep != null) {
            if (Files.exists(keep)) {
                throw new IllegalArgumentException("--keep " + keep + " exists: give a directory the drill can create");
            }
            dir = Files.createDirectories(keep);
        } else {
            dir = Files.createTempDirectory("heartwood-drill-");
        }
        out.println("Migration drill on the embedded default in " + dir + " (drill time starts " + clock.instant() + ")");
        try {
            Passphrase passphrase = generatedPassphrase();
            LocalHome homeA = LocalHome.at(dir.resolve("a"));
            LocalHome homeB = LocalHome.at(dir.resolve("b"));
            for (LocalHome home : List.of(homeA, homeB)) {
                var directories = new DirectoryStoreProvisioner(home);
                new BootstrapStores(directories, directories, directories).run(
                        StorePlan.forInstallation(StoreNames.withPrefix(StoreNames.DEFAULT_PREFIX),
                                StorePlan.DEFAULT_MAX_RECEIVE_COUNT), p -> { });
            }
            LoopbackRelay relay = new LoopbackRelay(dir.resolve("relay"), LoopbackRelay.DEFAULT_BASE, clock);
            DrillSite a = new DrillSite("A", LocalStores.in(homeA, passphrase, clock), () -> LocalStores.destroy(homeA));
            DrillSite b = new DrillSite("B", LocalStores.in(homeB, passphrase, clock), () -> "B is kept");
            return new RunDrill(a, b, relay, relay.base(), new FileBackupStore(dir.resolve("backups")), clock,
                    out::println).run(agent);
        } finally {
            if (keep == null) {
                LocalStores.destroy(LocalHome.at(dir));
            }
        }
    }

    private DrillReport onAws(AgentId agent, DrillClock clock, PrintWriter out) {
        if (keep != null) {
            throw new IllegalArgumentException("--keep is for the embedded default; with --aws the drill removes its stores");
        }
        Map<String, String> environment = root.environment;
        AwsSettings settingsA = AwsSettings.fromEnvironment(environment);
        String regionA = settingsA.region().id();
        String otherRegion = regionB != null ? regionB : "eu-west-1".equals(regionA) ? "us-east-1" : "eu-west-1";
        if (otherRegion.equals(regionA)) {
            throw new IllegalArgumentException("--region-b is A's region (" + regionA + "): B must be elsewhere");
        }
        Map<String, String> environmentB = new HashMap<>(environment);
        environmentB.put("AWS_REGION", otherRegion);
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        StoreNames namesA = StoreNames.withPrefix("drill-a-" + run);
        StoreNames namesB = StoreNames.withPrefix("drill-b-" + run);
        try (AwsClients clientsA = new AwsClients(settingsA);
                AwsClients clientsB = new AwsClients(AwsSettings.fromEnvironment(environmentB))) {
            out.println("Migration drill on AWS: A in " + regionA + " (prefix " + namesA.prefix() + "), B in "
                    + otherRegion + " (prefix " + namesB.prefix() + "); drill time starts " + clock.instant());
            for (var pair : List.of(Map.entry(clientsA, namesA), Map.entry(clientsB, namesB))) {
                AwsClients clients = pair.getKey();
                new BootstrapStores(new S3BucketProvisioner(clients), new DynamoDbTableProvisioner(clients),
                        new SqsQueueProvisioner(clients)).run(StorePlan.forInstallation(pair.getValue(),
                                StorePlan.DEFAULT_MAX_RECEIVE_COUNT), p -> { });
            }
            Path relayDir = Files.createTempDirectory("heartwood-drill-relay-");
            LoopbackRelay relay = new LoopbackRelay(relayDir, LoopbackRelay.DEFAULT_BASE, clock);
            DrillSite a = new DrillSite("A", AwsStores.from(clientsA, namesA, Map.of(), clock),
                    () -> new AwsTeardown(clientsA).destroy(namesA));
            DrillSite b = new DrillSite("B", AwsStores.from(clientsB, namesB, Map.of(), clock), () -> "B is kept");
            try {
                return new RunDrill(a, b, relay, relay.base(),
                        new S3BackupStore(clientsB, namesB.nameOf(StoreRole.BACKUP_BUCKET)), clock, out::println).run(agent);
            } finally {
                try {
                    new AwsTeardown(clientsA).destroy(namesA);
                    String removed = new AwsTeardown(clientsB).destroy(namesB);
                    // The drill bootstrapped both backup buckets itself (no Object Lock) and nothing else uses them.
                    String backupsRemoved = new AwsTeardown(clientsA).destroyBackups(namesA) + ", "
                            + new AwsTeardown(clientsB).destroyBackups(namesB);
                    out.println("Cleaned up: " + removed + "; backups: " + backupsRemoved);
                } catch (RuntimeException cleanup) {
                    // The report matters more than the cleanup: say what is left, and let the report print.
                    out.println("Cleanup incomplete (remove prefixes " + namesA.prefix() + " and " + namesB.prefix()
                            + " by hand): " + cleanup.getMessage());
                }
                LocalStores.destroy(LocalHome.at(relayDir));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A random passphrase for the drill's key files: the drill never asks, and nothing outlives it. */
    private static Passphrase generatedPassphrase() {
        SecureRandom random = new SecureRandom();
        char[] alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
        char[] value = new char[32];
        for (int i = 0; i < value.length; i++) {
            value[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return value::clone;
    }
}
