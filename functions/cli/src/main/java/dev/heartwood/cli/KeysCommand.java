package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.RotateKey;
import dev.heartwood.core.identity.UnknownAgentException;
import dev.heartwood.core.identity.transfer.AgeIdentity;
import dev.heartwood.core.identity.transfer.AgeRecipient;
import dev.heartwood.core.identity.transfer.ExportKey;
import dev.heartwood.core.identity.transfer.ImportKey;
import dev.heartwood.core.identity.transfer.ImportResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood keys ...}: look at, use, rotate and move an agent's key. */
@Command(name = "keys", description = "Look at, use, rotate and move an agent's key.",
        subcommands = {KeysCommand.Public.class, KeysCommand.Sign.class, KeysCommand.Verify.class,
                KeysCommand.Rotate.class, KeysCommand.Log.class, KeysCommand.Export.class, KeysCommand.Import.class})
final class KeysCommand {

    @ParentCommand
    HeartwoodCli root;

    /** Shared by the subcommands: the agent (positional, or {@code --agent} as in older docs) and the runtime. */
    abstract static class AgentCommand implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(index = "0", arity = "0..1", paramLabel = "AGENT", description = "The agent id.")
        String positional;

        @Option(names = "--agent", paramLabel = "AGENT", description = "The agent id (instead of the positional form).")
        String named;

        AgentId agent() {
            String id = named != null ? named : positional;
            if (id == null) {
                throw new IllegalArgumentException("which agent? give its id, e.g. `heartwood keys "
                        + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " agent-7f3a`");
            }
            return AgentId.of(id);
        }

        PrintWriter out() {
            return keys.root.spec.commandLine().getOut();
        }

        @Override
        public Integer call() throws Exception {
            try (CliRuntime runtime = CliRuntime.from(keys.root)) {
                return run(runtime, agent());
            }
        }

        abstract Integer run(CliRuntime runtime, AgentId agent) throws Exception;

        /** The agent's current public key: from the key log when there is one (no passphrase needed), else the vault. */
        static AgentPublicKey currentPublicKey(CliRuntime runtime, AgentId agent) {
            Optional<AgentPublicKey> logged = runtime.keyLogs().read(agent).currentKey();
            if (logged.isPresent()) {
                return logged.get();
            }
            AgentKey key = runtime.keyVault().current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the key vault"));
            key.destroy();
            return key.publicKey();
        }
    }

    @Command(name = "public", description = "Prints the agent's current public key.")
    static final class Public extends AgentCommand {
        @Option(names = "--format", defaultValue = "did", description = "did (default), pem or raw (base64 of the 32 bytes).")
        String format;

        @Override
        Integer run(CliRuntime runtime, AgentId agent) {
            AgentPublicKey key = currentPublicKey(runtime, agent);
            switch (format) {
                case "did" -> out().println(key.did());
                case "pem" -> out().print(key.pem());
                case "raw" -> out().println(key.base64());
                default -> throw new IllegalArgumentException("--format '" + format + "' is not one of did, pem, raw");
            }
            return 0;
        }
    }

    @Command(name = "sign", description = "Prints the base64 Ed25519 signature of a file's bytes by the agent's current key.")
    static final class Sign extends AgentCommand {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The file to sign.")
        Path in;

        @Override
        Integer run(CliRuntime runtime, AgentId agent) throws IOException {
            byte[] content = Files.readAllBytes(in);
            AgentKey key = runtime.keyVault().current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the key vault"));
            try {
                out().println(Base64.getEncoder().encodeToString(key.sign(content)));
            } finally {
                key.destroy();
            }
            return 0;
        }
    }

    @Command(name = "verify", description = {"Checks a base64 signature of a file against the agent's keys.",
            "Exit 0 if a key in the agent's key log made it, 1 if none did."})
    static final class Verify extends AgentCommand {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The signed file.")
        Path in;

        @Option(names = "--sig", required = true, paramLabel = "SIG", description = "The base64 signature.")
        String signature;

        @Override
        Integer run(CliRuntime runtime, AgentId agent) throws IOException {
            byte[] content = Files.readAllBytes(in);
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(signature.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--sig is not base64: " + e.getMessage());
            }
            KeyLog log = runtime.keyLogs().read(agent);
            List<AgentPublicKey> candidates = log.entries().isEmpty() ? List.of(currentPublicKey(runtime, agent))
                    : log.entries().stream().filter(e -> e.kind() != KeyLogEntry.Kind.REVOKE).map(KeyLogEntry::key).toList();
            Optional<AgentPublicKey> signer = candidates.stream().filter(k -> k.verifies(content, sig)).findFirst();
            if (signer.isEmpty()) {
                keys.root.spec.commandLine().getErr().println("heartwood: INVALID: no key of agent " + agent
                        + " made this signature of " + in);
                return HeartwoodCli.FAILED;
            }
            boolean current = signer.get().equals(log.currentKey().orElse(signer.get()));
            out().println("valid: signed by " + signer.get().did() + (current ? " (current key)" : " (an earlier key, since rotated)"));
            return 0;
        }
    }

    @Command(name = "rotate", description = {"Replaces the agent's key, keeping its identity: the new key is signed",
            "over by the old one in the key log and the relay is told. Finishes an interrupted rotation."})
    static final class Rotate extends AgentCommand {
        @Override
        Integer run(CliRuntime runtime, AgentId agent) {
            RotateKey.Rotated rotated = new RotateKey(runtime.keyVault(), runtime.keyLogs(), runtime.relay(),
                    runtime.clock()).run(agent);
            out().println((rotated.resumed() ? "Finished the interrupted rotation of " : "Rotated ") + agent + ":");
            out().println("  from " + rotated.from().did() + " (" + rotated.from().fingerprint() + ")");
            out().println("  to   " + rotated.to().did() + " (" + rotated.to().fingerprint() + ")");
            out().println("  relay now accepts only the new key.");
            return 0;
        }
    }

    @Command(name = "log", description = "Prints the agent's key log and checks its chain from the genesis key.")
    static final class Log extends AgentCommand {
        @Override
        Integer run(CliRuntime runtime, AgentId agent) {
            KeyLog log = runtime.keyLogs().read(agent);
            if (log.entries().isEmpty()) {
                throw new UnknownAgentException(agent, "the key log store");
            }
            for (KeyLogEntry entry : log.entries()) {
                out().printf("%3d  %-8s %s  %s  %s%n", entry.sequence(), entry.kind().name().toLowerCase(java.util.Locale.ROOT),
                        entry.createdAt(), entry.key().fingerprint(), entry.key().did());
            }
            AgentPublicKey genesis = log.genesisKey().orElseThrow();
            return switch (log.verify(genesis)) {
                case KeyLog.Valid valid -> {
                    out().println("chain valid from genesis " + genesis.fingerprint() + "; current key: "
                            + valid.current().map(AgentPublicKey::fingerprint).orElse("none (revoked)"));
                    yield 0;
                }
                case KeyLog.Broken broken -> {
                    keys.root.spec.commandLine().getErr().println("heartwood: key log of " + agent + " is broken at entry "
                            + broken.sequence() + ": " + broken.reason());
                    yield HeartwoodCli.FAILED;
                }
            };
        }
    }

    @Command(name = "export", description = {"Writes the agent's current key encrypted to age X25519 recipients,",
            "so it can move to another account or region; `age -d -i IDENTITY FILE` opens it."})
    static final class Export extends AgentCommand {
        @Option(names = "--to", required = true, paramLabel = "RECIPIENT", description = "An age1... recipient; repeat for several.")
        List<String> recipients;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: AGENT.key.age); never overwritten.")
        Path outFile;

        @Override
        Integer run(CliRuntime runtime, AgentId agent) throws IOException {
            List<AgeRecipient> parsed = recipients.stream().map(AgeRecipient::parse).toList();
            Path target = outFile != null ? outFile : Path.of(agent + ".key.age");
            if (Files.exists(target)) {
                throw new IllegalArgumentException(target + " exists: choose another --out (exports are never overwritten)");
            }
            byte[] encrypted = new ExportKey(runtime.keyVault()).run(agent, parsed);
            Files.write(target, encrypted, java.nio.file.StandardOpenOption.CREATE_NEW);
            out().println("Wrote " + target + ": the key of " + agent + " encrypted to " + parsed.size() + " age recipient"
                    + (parsed.size() == 1 ? "" : "s") + ".");
            return 0;
        }
    }

    @Command(name = "import", description = {"Stores an exported key in this installation's vault.",
            "Refuses, changing nothing, if the agent already has a different key."})
    static final class Import extends AgentCommand {
        @Option(names = "--from", required = true, paramLabel = "FILE", description = "The age file written by `keys export`.")
        Path from;

        @ArgGroup(exclusive = true, multiplicity = "1")
        AgeIdentitySource identity;

        @Override
        Integer run(CliRuntime runtime, AgentId agent) throws IOException {
            ImportResult result = new ImportKey(runtime.keyVault()).run(agent, Files.readAllBytes(from),
                    identity.read(runtime));
            switch (result) {
                case ImportResult.Created created -> out().println("Imported the key of " + agent + ".");
                case ImportResult.AlreadyPresent present -> out().println("The vault already holds this key of " + agent
                        + ": nothing changed.");
            }
            out().println("  key         " + result.did());
            out().println("  fingerprint " + result.fingerprint());
            return 0;
        }
    }
}
