package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps chat that leaves the context window from being forgotten: rows older than the newest
 * {@code window} that were not summarized yet are summarized into the rolling summary
 * ({@code memory/chat-summary.md}) and appended to today's daily log.
 *
 * <p>The summary file carries a watermark, the id of the last row it covers, and is written
 * first with a conditional write: a crash before the daily-log append loses at most that copy,
 * never the summary, and two compactions racing cannot both record the same rows.
 */
public final class CompactChat {

    /** What was summarized: how many rows, up to which one. */
    public record Compacted(int rows, RowId through) {
    }

    static final int ROLLING_LINES = 200;
    private static final int PAGE = 200;
    private static final Pattern WATERMARK = Pattern.compile("<!-- summarized-through: (\\S+) -->");

    private final ChatLog chat;
    private final MemoryStore store;
    private final AppendDailyLog dailyLog;
    private final ChatSummarizer summarizer;
    private final int window;

    public CompactChat(ChatLog chat, MemoryStore store, AppendDailyLog dailyLog, ChatSummarizer summarizer, int window) {
        this.chat = chat;
        this.store = store;
        this.dailyLog = dailyLog;
        this.summarizer = summarizer;
        this.window = window;
    }

    public Optional<Compacted> run(AgentId agent) {
        List<ChatRow> inWindow = chat.newest(agent, window);
        if (inWindow.size() < window) {
            return Optional.empty();
        }
        Optional<MemoryFile> summary = store.read(agent, MemoryPath.CHAT_SUMMARY);
        Optional<RowId> watermark = summary.flatMap(f -> watermark(f.content()));
        List<ChatRow> leaving = unsummarized(agent, inWindow.get(inWindow.size() - 1).id(), watermark);
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = summarizer.summarize(leaving);
        RowId through = leaving.get(leaving.size() - 1).id();
        try {
            store.write(agent, MemoryPath.CHAT_SUMMARY, rolled(summary.map(MemoryFile::content).orElse(""), lines, through),
                    summary.<WriteCondition>map(f -> new WriteCondition.IfUnchanged(f.version()))
                            .orElse(new WriteCondition.CreateOnly()));
        } catch (MemoryConflictException anotherCompaction) {
            return Optional.empty();
        }
        dailyLog.run(agent, "Chat summary, " + leaving.size() + " messages leaving the context window:\n"
                + String.join("\n", lines));
        return Optional.of(new Compacted(leaving.size(), through));
    }

    /** Rows older than {@code oldestKept} and newer than the watermark, oldest first; pages back only as far as needed. */
    private List<ChatRow> unsummarized(AgentId agent, RowId oldestKept, Optional<RowId> watermark) {
        List<ChatRow> newestFirst = new ArrayList<>();
        RowId cursor = oldestKept;
        while (true) {
            List<ChatRow> page = chat.before(agent, cursor, PAGE);
            for (ChatRow row : page) {
                if (watermark.isPresent() && row.id().compareTo(watermark.get()) <= 0) {
                    Collections.reverse(newestFirst);
                    return newestFirst;
                }
                newestFirst.add(row);
            }
            if (page.size() < PAGE) {
                Collections.reverse(newestFirst);
                return newestFirst;
            }
            cursor = page.get(page.size() - 1).id();
        }
    }

    static Optional<RowId> watermark(String summary) {
        Matcher m = WATERMARK.matcher(summary);
        return m.find() ? Optional.of(RowId.parse(m.group(1))) : Optional.empty();
    }

    /** The new summary file: watermark, heading, and the newest {@link #ROLLING_LINES} lines (older ones live on in daily logs). */
    static String rolled(String previous, List<String> added, RowId through) {
        List<String> lines = new ArrayList<>(previous.lines().filter(l -> l.startsWith("- ")).toList());
        lines.addAll(added);
        List<String> kept = lines.subList(Math.max(0, lines.size() - ROLLING_LINES), lines.size());
        return "<!-- summarized-through: " + through + " -->\n# Chat summary\n\nOlder chat, one line per message;"
                + " the full summaries are in the daily logs.\n\n" + String.join("\n", kept) + "\n";
    }
}
