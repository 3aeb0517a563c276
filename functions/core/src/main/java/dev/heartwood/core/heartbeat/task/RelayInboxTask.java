package dev.heartwood.core.heartbeat.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRejectedException;
import dev.heartwood.core.relay.RelayRequests;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code relay.inbox}: fetches the messages other agents addressed to this one and records each
 * as a chat row (channel {@code relay}, role user, naming the sender) through {@link AppendChat},
 * so the redactor sees them before they are stored. At most {@link #MAX_PER_RUN} per heartbeat.
 *
 * <p>The cursor is the chat history itself. Message {@code n} of the inbox becomes the row with
 * delivery id {@code relay:n}, and messages are recorded in inbox order, so the newest such row
 * says how far the agent has read; there is no second record to keep in step with it. A crash
 * after any row resumes after that row, a row recorded twice is refused by the chat log's
 * delivery ids, and a chat history restored from an older backup reads again what it lost.
 */
public final class RelayInboxTask implements TaskExecutor {

    static final String CHANNEL = "relay";
    /** A flood of messages is spread over heartbeats rather than stretching one past its lease. */
    static final int MAX_PER_RUN = 100;
    /** Longer texts are cut: a chat row has a size limit, and a message too large to store would block the inbox. */
    static final int MAX_TEXT_CHARS = 16_000;
    private static final int CHAT_PAGE = 200;
    private static final Pattern DELIVERY = Pattern.compile("relay:(\\d{1,18})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Relay relay;
    private final RelayRequests requests;
    private final AppendChat append;
    private final ChatLog chat;

    /**
     * @param append where messages are recorded: the agent's chat log, behind its redactor
     * @param chat the same chat log, read to find the newest row already recorded
     */
    public RelayInboxTask(Relay relay, RelayRequests requests, AppendChat append, ChatLog chat) {
        this.relay = relay;
        this.requests = requests;
        this.append = append;
        this.chat = chat;
    }

    @Override
    public String kind() {
        return "relay.inbox";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        if (!run.argument().isBlank()) {
            throw new TaskFailedException("relay.inbox " + run.task() + " takes no argument; write the task as"
                    + " '**" + run.task() + "** relay.inbox — <cadence>'");
        }
        return Optional.empty();
    }

    @Override
    public String perform(TaskRun run) {
        AgentId agent = run.agent();
        List<ChatRow> newest = chat.newest(agent, CHAT_PAGE);
        OptionalLong recorded = newestRelaySequence(newest);
        if (recorded.isEmpty()) {
            // Usually the inbox has simply never had anything, which one read settles; only when it
            // has is the rest of the history searched for the last row recorded.
            if (read(run, 0, 1).messages().isEmpty()) {
                return "no new relay messages";
            }
            recorded = newestRelaySequenceBefore(agent, newest);
        }
        long cursor = recorded.orElse(0);
        long first = 0;
        int count = 0;
        boolean more = false;
        while (!more) {
            // One more than there is room for: if it comes, the note can say that more remain.
            int limit = Math.min(InboxPage.MAX_LIMIT, MAX_PER_RUN - count + 1);
            InboxPage page = read(run, cursor, limit);
            for (InboxMessage message : page.messages()) {
                if (count == MAX_PER_RUN) {
                    more = true;
                    break;
                }
                append.run(agent, new NewChatRow(ChatRole.USER, CHANNEL, content(message), "relay:" + message.sequence()));
                first = count == 0 ? message.sequence() : first;
                cursor = message.sequence();
                count++;
            }
            if (page.messages().size() < limit) {
                break;
            }
        }
        if (count == 0) {
            return "no new relay messages";
        }
        return "recorded " + count + " relay message" + (count == 1 ? " (#" + cursor + ")" : "s (#" + first + "-#" + cursor + ")")
                + (more ? "; more remain for the next heartbeat" : "; none remain");
    }

    private InboxPage read(TaskRun run, long after, int limit) {
        try {
            return relay.inbox(requests.inboxRead(run.agent(), after, limit));
        } catch (RelayRejectedException e) {
            throw new TaskFailedException("relay.inbox " + run.task() + ": the relay refused the inbox read: "
                    + e.getMessage(), e);
        }
    }

    /** Searches the history older than the page already read, a page at a time, for the newest relay row. */
    private OptionalLong newestRelaySequenceBefore(AgentId agent, List<ChatRow> newest) {
        List<ChatRow> page = newest;
        while (page.size() == CHAT_PAGE) {
            page = chat.before(agent, page.get(page.size() - 1).id(), CHAT_PAGE);
            OptionalLong found = newestRelaySequence(page);
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalLong.empty();
    }

    /** The inbox sequence of the first (newest) relay row of a newest-first page. */
    private static OptionalLong newestRelaySequence(List<ChatRow> newestFirst) {
        for (ChatRow row : newestFirst) {
            if (CHANNEL.equals(row.channel()) && row.deliveryId() != null) {
                Matcher delivery = DELIVERY.matcher(row.deliveryId());
                if (delivery.matches()) {
                    return OptionalLong.of(Long.parseLong(delivery.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The row's text: who sent it, and its {@code text} field (the whole body when it has none). */
    static String content(InboxMessage message) {
        String text = textField(message.body()).orElse(message.body());
        if (text.length() > MAX_TEXT_CHARS) {
            int cut = Character.isHighSurrogate(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
            text = text.substring(0, cut) + " [… " + (text.length() - cut) + " more characters not recorded]";
        }
        return "From " + message.from() + " via the relay: " + text;
    }

    private static Optional<String> textField(String body) {
        try {
            JsonNode text = JSON.readTree(body);
            return text != null && text.path("text").isTextual() ? Optional.of(text.path("text").asText()) : Optional.empty();
        } catch (IOException notJson) {
            // The relay passes bodies on as their senders signed them: one that is not JSON is recorded as it is.
            return Optional.empty();
        }
    }
}
