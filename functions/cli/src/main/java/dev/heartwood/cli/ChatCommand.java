package dev.heartwood.cli;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code heartwood chat ...}: the agent's chat history, shared by every channel. */
@Command(name = "chat", description = "Append to and read the agent's chat history (one history for every channel).",
        subcommands = {ChatCommand.Append.class, ChatCommand.Tail.class})
final class ChatCommand {

    @ParentCommand
    HeartwoodCli root;

    @Command(name = "append", description = {"Appends a message (from --text, else standard input).",
            "Secrets are redacted; tool results are stored as a one-line note, never verbatim."})
    static final class Append implements Callable<Integer> {
        @ParentCommand
        ChatCommand chat;

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--role", defaultValue = "user", description = "user (default), assistant, system or tool.")
        String role;

        @Option(names = "--channel", defaultValue = "cli", description = "web, mobile, telegram, cli (default) ...")
        String channel;

        @Option(names = "--text", description = "The message; read from standard input when absent.")
        String text;

        @Option(names = "--delivery-id", paramLabel = "ID", description = "The channel's id for this message: a repeat is stored once.")
        String deliveryId;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = chat.root.spec.commandLine().getOut();
            ChatRole parsed;
            try {
                parsed = ChatRole.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role '" + role + "' is not one of user, assistant, system, tool");
            }
            try (CliRuntime runtime = CliRuntime.from(chat.root)) {
                String content = text != null ? text : new String(runtime.stdin().readNBytes(1024 * 1024), StandardCharsets.UTF_8);
                AgentId id = AgentId.of(agent);
                ChatRow row = runtime.appendChat(id).run(id, new NewChatRow(parsed, channel, content, deliveryId));
                out.println("Appended " + row.id() + " (" + row.role().name().toLowerCase(Locale.ROOT) + "@" + row.channel() + ").");
                runtime.compactChat(id).run(id).ifPresent(c ->
                        out.println("Summarized " + c.rows() + " older messages into memory/chat-summary.md and today's log."));
                return 0;
            }
        }
    }

    @Command(name = "tail", description = "Prints the newest messages, oldest first.")
    static final class Tail implements Callable<Integer> {
        @ParentCommand
        ChatCommand chat;

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "How many messages (default 20).")
        int count;

        @Override
        public Integer call() {
            PrintWriter out = chat.root.spec.commandLine().getOut();
            if (count < 1 || count > 1000) {
                throw new IllegalArgumentException("-n must be 1-1000, got " + count);
            }
            try (CliRuntime runtime = CliRuntime.from(chat.root)) {
                List<ChatRow> newest = runtime.chatLog().newest(AgentId.of(agent), count);
                for (int i = newest.size() - 1; i >= 0; i--) {
                    ChatRow row = newest.get(i);
                    out.println(row.id().instant() + "  " + row.role().name().toLowerCase(Locale.ROOT) + "@" + row.channel()
                            + ": " + row.content().replace("\n", "\n    "));
                }
                return 0;
            }
        }
    }
}
