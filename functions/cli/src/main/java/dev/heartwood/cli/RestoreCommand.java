package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.recovery.BackupException;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.recovery.BackupTier;
import dev.heartwood.core.recovery.RestoreAgent;
import dev.heartwood.core.recovery.SealedBackup;
import dev.heartwood.core.recovery.TrustedSigners;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood restore AGENT}: brings an agent back from a backup into this installation. */
@Command(name = "restore", header = "Restores an agent from a backup into this installation.",
        description = {"Restores an agent from a backup into this installation (another home,",
        "prefix, region or account). Verifies the manifest signature, decrypts, checks every hash and",
        "the Merkle root before writing anything; a bad backup writes nothing. Import the agent's key",
        "first (`heartwood keys import`): the manifest is checked against it, or against --trust."})
final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    HeartwoodCli root;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = "--backup", paramLabel = "NAME", description = "The manifest to restore, e.g."
            + " scout/hot/scout-hot-20261122T091000Z.manifest.json; default: the newest of --tier.")
    String backup;

    @Option(names = "--tier", paramLabel = "hot|cold", defaultValue = "hot", description = "Default: ${DEFAULT-VALUE}.")
    String tier;

    @Option(names = "--backups", paramLabel = "DIR", description = "A backup directory instead of the home's backups/"
            + " (or, with --aws, the backup bucket).")
    Path backups;

    @Option(names = "--trust", paramLabel = "did:key:…", description = "The agent's public key, when the vault holds"
            + " no key of it yet.")
    String trust;

    @ArgGroup(exclusive = true, multiplicity = "1")
    AgeIdentitySource identity;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = root.spec.commandLine().getOut();
        try (CliRuntime runtime = CliRuntime.from(root)) {
            AgentId id = AgentId.of(agent);
            BackupStore store = runtime.backupStore(backups);
            String manifestName = backup != null ? backup : newest(store, id, BackupTier.parse(tier));
            String archiveName = manifestName.substring(0, manifestName.length() - SealedBackup.MANIFEST_SUFFIX.length())
                    + SealedBackup.ARCHIVE_SUFFIX;
            byte[] manifest = store.read(manifestName).orElseThrow(() -> new BackupException("no backup " + manifestName
                    + " in " + store.describe()));
            byte[] archive = store.read(archiveName).orElseThrow(() -> new BackupException("backup " + manifestName
                    + " has no archive " + archiveName + " in " + store.describe() + " (an interrupted backup?)"));
            RestoreAgent.Result result = new RestoreAgent(runtime.stores(), runtime.relay())
                    .run(manifest, archive, trusted(runtime, id), identity.read(runtime));
            out.println("Restored " + id + " from " + manifestName + " (made " + result.manifest().createdAt() + " at "
                    + result.manifest().source() + ")");
            out.println("  key            " + result.key().did());
            out.println("  memory files   " + result.memoryFiles());
            out.println("  chat rows      " + result.chatRows());
            out.println("  journal        " + result.journalEntries() + " entries, " + result.alreadySent()
                    + " messages known sent, " + result.toResume() + " to resume at the next heartbeat");
            if (!result.keyPresent()) {
                out.println("Next: import the agent's key here (heartwood keys import --agent " + id
                        + " --from EXPORT --identity FILE); until then it cannot sign.");
            }
            return 0;
        }
    }

    private static String newest(BackupStore store, AgentId agent, BackupTier tier) {
        List<String> manifests = store.list(agent.value() + "/" + tier.label() + "/").stream()
                .filter(n -> n.endsWith(".manifest.json")).toList();
        if (manifests.isEmpty()) {
            throw new BackupException("no " + tier.label() + " backup of " + agent + " in " + store.describe());
        }
        return manifests.getLast();
    }

    private TrustedSigners trusted(CliRuntime runtime, AgentId agent) {
        if (trust != null) {
            try {
                return TrustedSigners.keys(agent, List.of(AgentPublicKey.fromDid(trust.strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--trust: " + e.getMessage(), e);
            }
        }
        Optional<AgentKey> key = runtime.keyVault().current(agent);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the vault here holds no key of " + agent + " to check the backup with:"
                    + " import it first (heartwood keys import) or pass --trust did:key:…");
        }
        try {
            return TrustedSigners.keys(agent, List.of(key.get().publicKey()));
        } finally {
            key.get().destroy();
        }
    }
}
