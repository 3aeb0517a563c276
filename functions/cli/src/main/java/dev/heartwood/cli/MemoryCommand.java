package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryException;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.UndoMemory;
import dev.heartwood.core.memory.Version;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.WriteMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood memory ...}: read, write and undo an agent's markdown memory. */
@Command(name = "memory", description = "Read, write and undo an agent's markdown memory.",
        subcommands = {MemoryCommand.Ls.class, MemoryCommand.Cat.class, MemoryCommand.Write.class,
                MemoryCommand.History.class, MemoryCommand.Undo.class, MemoryCommand.Rm.class})
final class MemoryCommand {

    @ParentCommand
    HeartwoodCli root;

    abstract static class FileCommand implements Callable<Integer> {
        @ParentCommand
        MemoryCommand memory;

        @Parameters(index = "0", paramLabel = "AGENT", description = "The agent id.")
        String agent;

        PrintWriter out() {
            return memory.root.spec.commandLine().getOut();
        }

        @Override
        public Integer call() throws IOException {
            try (CliRuntime runtime = CliRuntime.from(memory.root)) {
                return run(runtime, runtime.memoryStore(), AgentId.of(agent));
            }
        }

        abstract Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) throws IOException;
    }

    abstract static class PathCommand extends FileCommand {
        @Parameters(index = "1", paramLabel = "FILE", description = "e.g. MEMORY.md or memory/2026-11-22.md")
        String file;

        MemoryPath path() {
            return MemoryPath.of(file);
        }
    }

    @Command(name = "ls", description = "Lists the agent's memory files with size, time and version.")
    static final class Ls extends FileCommand {
        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) {
            List<FileVersion> files = store.list(agent);
            if (files.isEmpty()) {
                out().println("(no memory files for " + agent + "; `heartwood init " + agent + "` seeds them)");
            }
            for (FileVersion file : files) {
                out().printf("%-28s %8d bytes  %s  %s%n", file.path(), file.size(), file.lastModified(), file.version());
            }
            return 0;
        }
    }

    @Command(name = "cat", description = "Prints a memory file (or one of its earlier versions).")
    static final class Cat extends PathCommand {
        @Option(names = "--version", paramLabel = "V", description = "An earlier version, from `memory history`.")
        String version;

        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) {
            Optional<MemoryFile> file = version == null ? store.read(agent, path()) : store.read(agent, path(), Version.of(version));
            out().print(file.orElseThrow(() -> new MemoryException(path() + " of " + agent + " does not exist"
                    + (version == null ? "" : " at version " + version))).content());
            return 0;
        }
    }

    @Command(name = "write", description = {"Replaces a memory file with standard input (UTF-8).",
            "Secrets are redacted before anything is stored; the old content stays in the history (`memory undo`)."})
    static final class Write extends PathCommand {
        @ArgGroup(exclusive = true)
        Guard guard;

        static final class Guard {
            @Option(names = "--if-version", paramLabel = "V", description = "Write only if the file is still at this version.")
            String ifVersion;

            @Option(names = "--create", description = "Write only if the file does not exist yet.")
            boolean create;
        }

        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) throws IOException {
            String content = readStdin(runtime.stdin());
            WriteCondition condition = guard != null && guard.create ? new WriteCondition.CreateOnly()
                    : guard != null && guard.ifVersion != null ? new WriteCondition.IfUnchanged(Version.of(guard.ifVersion))
                    : store.read(agent, path()).<WriteCondition>map(f -> new WriteCondition.IfUnchanged(f.version()))
                            .orElse(new WriteCondition.CreateOnly());
            WriteMemory.Written written = runtime.writeMemory(agent).run(agent, path(), content, condition);
            out().println("Wrote " + path() + " of " + agent + ": version " + written.version()
                    + (written.redactions().isEmpty() ? "" : "; " + written.redactions())
                    + (written.compactionRaised() ? "; MEMORY.md is over its budget: a memory.compact task was added to HEARTBEAT.md" : ""));
            return 0;
        }

        private static String readStdin(InputStream in) throws IOException {
            byte[] bytes = in.readNBytes(16 * 1024 * 1024 + 1);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("standard input is not UTF-8 text: memory files are markdown");
            }
        }
    }

    @Command(name = "history", description = "Lists every version of a memory file, newest first.")
    static final class History extends PathCommand {
        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) {
            List<FileVersion> versions = store.history(agent, path());
            if (versions.isEmpty()) {
                throw new MemoryException(path() + " of " + agent + " has no history");
            }
            for (FileVersion v : versions) {
                out().printf("%-40s %s  %s%n", v.version(), v.lastModified(),
                        v.deleted() ? "deleted" : v.size() + " bytes" + (v.current() ? "  (current)" : ""));
            }
            return 0;
        }
    }

    @Command(name = "undo", description = "Restores the previous version of a memory file (or --to a chosen one) as a new version.")
    static final class Undo extends PathCommand {
        @Option(names = "--to", paramLabel = "V", description = "The version to bring back (default: the one before the current).")
        String to;

        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) {
            UndoMemory.Undone undone = new UndoMemory(store).run(agent, path(), Optional.ofNullable(to).map(Version::of));
            out().println("Restored " + path() + " of " + agent + " to version " + undone.restored() + " (now version "
                    + undone.now() + ").");
            return 0;
        }
    }

    @Command(name = "rm", description = "Deletes a memory file; its history stays, so `memory undo` brings it back.")
    static final class Rm extends PathCommand {
        @Override
        Integer run(CliRuntime runtime, MemoryStore store, AgentId agent) {
            store.delete(agent, path());
            out().println("Deleted " + path() + " of " + agent + " (undo: heartwood memory undo " + agent + " " + path() + ").");
            return 0;
        }
    }
}
