package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RunBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood backup AGENT}: one encrypted, signed backup, as the scheduled backup function takes it. */
@Command(name = "backup", header = "Backs the agent up: encrypted, signed, create-only, pruned per tier.",
        description = {"Backs the agent up: memory files, chat rows, journal and outbox, key log and",
        "public key - never the private key - as a tar encrypted with age to the recipients, beside a",
        "manifest signed by the agent's key. Older backups of the tier beyond retention are pruned",
        "after the new one is read back and verified."})
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = "--tier", paramLabel = "hot|cold", defaultValue = "hot",
            description = "hot (hourly, keeps --keep-hot) or cold (weekly, keeps --keep-cold); default: ${DEFAULT-VALUE}.")
    String tier;

    @Option(names = "--to", paramLabel = "age1…", description = "An age recipient to encrypt to (repeatable); default:"
            + " HEARTWOOD_BACKUP_RECIPIENTS.")
    List<String> recipients;

    @Option(names = "--backups", paramLabel = "DIR", description = "A backup directory instead of the home's backups/"
            + " (or, with --aws, the backup bucket).")
    Path backups;

    @Option(names = "--keep-hot", paramLabel = "N", defaultValue = "48", description = "Hot backups kept (default: ${DEFAULT-VALUE}).")
    int keepHot;

    @Option(names = "--keep-cold", paramLabel = "N", defaultValue = "8", description = "Cold backups kept (default: ${DEFAULT-VALUE}).")
    int keepCold;

    @Override
    public Integer call() {
        PrintWriter out = root.spec.commandLine().getOut();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentId id = AgentId.of(agent);
            RunBackup backup = new RunBackup(runtime.stores(), runtime.backupStore(backups),
                    runtime.backupRecipients(recipients), runtime.redactor(id), new RunBackup.Retention(keepHot, keepCold),
                    runtime.clock());
            RunBackup.Result result = backup.run(id, BackupTier.parse(tier));
            out.println("Backed up " + id + " (" + result.manifest().tier().label() + ") to "
                    + runtime.backupStore(backups).describe());
            out.println("  archive     " + result.archiveName() + " (" + result.archiveBytes() + " bytes, "
                    + result.manifest().entries().size() + " entries)");
            out.println("  manifest    " + result.manifestName());
            out.println("  merkle root " + result.manifest().merkleRoot());
            out.println("  signed by   " + result.manifest().signer().did());
            result.pruned().forEach(p -> out.println("  pruned      " + p));
            return 0;
        }
    }
}
