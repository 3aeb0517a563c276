package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Rebuilds what a model call needs — identity files, MEMORY.md, HEARTBEAT.md, today's and
 * yesterday's logs, the newest chat rows and the rolling summary of older chat — with every
 * storage read issued at once, in one parallel wave: the number of requests (eleven) and the wait
 * (the slowest single read) do not grow with the agent's history.
 *
 * <p>Then it fits the budget. SOUL.md and IDENTITY.md are always kept whole. The other parts are
 * kept in priority order and the first that does not fit is cut; whatever is cut is replaced by a
 * notice saying what was left out, so the model knows it is not seeing everything.
 */
public final class BuildContext {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final MemoryStore store;
    private final ChatLog chat;
    private final Clock clock;
    private final ContextBudget budget;

    public BuildContext(MemoryStore store, ChatLog chat, Clock clock, ContextBudget budget) {
        this.store = store;
        this.chat = chat;
        this.clock = clock;
        this.budget = budget;
    }

    public AgentContext run(AgentId agent) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<MemoryPath> files = new ArrayList<>(MemoryPath.IDENTITY_FILES);
        files.addAll(List.of(MemoryPath.HEARTBEAT, MemoryPath.MEMORY, MemoryPath.dailyLog(today),
                MemoryPath.dailyLog(today.minusDays(1)), MemoryPath.CHAT_SUMMARY));
        Map<MemoryPath, Optional<MemoryFile>> read = new LinkedHashMap<>();
        List<ChatRow> rows;
        // Virtual threads: the reads are blocking SDK or file calls, and all of them must be in
        // flight together for the wave to cost one round trip.
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<MemoryPath, CompletableFuture<Optional<MemoryFile>>> pending = new LinkedHashMap<>();
            for (MemoryPath path : files) {
                pending.put(path, submit(wave, () -> store.read(agent, path)));
            }
            CompletableFuture<List<ChatRow>> chatRows = submit(wave, () -> chat.newest(agent, budget.chatRows()));
            pending.forEach((path, future) -> read.put(path, join(future)));
            rows = join(chatRows);
        }
        return fit(agent, read, rows, today, files.size() + 1);
    }

    private AgentContext fit(AgentId agent, Map<MemoryPath, Optional<MemoryFile>> read, List<ChatRow> rows, LocalDate today,
            int reads) {
        List<ContextPart> parts = new ArrayList<>();
        int left = budget.maxChars();
        for (MemoryPath always : List.of(MemoryPath.SOUL, MemoryPath.IDENTITY)) {
            String content = content(read, always);
            parts.add(new ContextPart(always.value(), content, content.length(), false));
            left -= content.length();
        }
        List<Candidate> byPriority = List.of(
                new Candidate(MemoryPath.HEARTBEAT.value(), content(read, MemoryPath.HEARTBEAT), Cut.KEEP_HEAD),
                new Candidate(MemoryPath.MEMORY.value(), content(read, MemoryPath.MEMORY), Cut.KEEP_HEAD),
                new Candidate("chat (newest " + rows.size() + " rows)", chatText(rows), Cut.KEEP_TAIL),
                new Candidate(MemoryPath.dailyLog(today).value(), content(read, MemoryPath.dailyLog(today)), Cut.KEEP_TAIL),
                new Candidate(MemoryPath.USER.value(), content(read, MemoryPath.USER), Cut.KEEP_HEAD),
                new Candidate(MemoryPath.AGENTS.value(), content(read, MemoryPath.AGENTS), Cut.KEEP_HEAD),
                new Candidate(MemoryPath.TOOLS.value(), content(read, MemoryPath.TOOLS), Cut.KEEP_HEAD),
                new Candidate(MemoryPath.dailyLog(today.minusDays(1)).value(),
                        content(read, MemoryPath.dailyLog(today.minusDays(1))), Cut.KEEP_TAIL),
                new Candidate(MemoryPath.CHAT_SUMMARY.value(), content(read, MemoryPath.CHAT_SUMMARY), Cut.KEEP_TAIL));
        for (Candidate candidate : byPriority) {
            if (candidate.text().isEmpty()) {
                continue;
            }
            ContextPart part = candidate.fitInto(Math.max(left, 0), budget);
            parts.add(part);
            left -= part.text().length();
        }
        return new AgentContext(agent, parts, budget, reads);
    }

    private enum Cut { KEEP_HEAD, KEEP_TAIL }

    private record Candidate(String source, String text, Cut cut) {

        ContextPart fitInto(int room, ContextBudget budget) {
            if (text.length() <= room) {
                return new ContextPart(source, text, text.length(), false);
            }
            int keep = Math.max(0, room - 160);
            String notice = "[truncated: " + (text.length() - keep) + " of " + text.length() + " characters of " + source
                    + " left out to fit the " + budget.maxTokens() + "-token context budget"
                    + (keep == 0 ? "" : cut == Cut.KEEP_TAIL ? "; the oldest part was dropped" : "; the end was dropped") + "]";
            String kept = keep == 0 ? "" : cut == Cut.KEEP_HEAD ? text.substring(0, cutAtLine(text, keep))
                    : text.substring(text.length() - cutAtLineFromEnd(text, keep));
            String joined = cut == Cut.KEEP_TAIL ? notice + "\n" + kept : kept + (kept.isEmpty() ? "" : "\n") + notice;
            return new ContextPart(source, joined, text.length(), true);
        }

        private static int cutAtLine(String text, int keep) {
            int newline = text.lastIndexOf('\n', keep);
            return newline > keep / 2 ? newline + 1 : keep;
        }

        private static int cutAtLineFromEnd(String text, int keep) {
            int from = text.length() - keep;
            int newline = text.indexOf('\n', from);
            return newline >= 0 && newline < from + keep / 2 ? text.length() - newline - 1 : keep;
        }
    }

    private static String content(Map<MemoryPath, Optional<MemoryFile>> read, MemoryPath path) {
        return read.getOrDefault(path, Optional.empty()).map(MemoryFile::content).orElse("");
    }

    /** Oldest first, so the conversation reads in order and a cut from the top drops the oldest rows. */
    private static String chatText(List<ChatRow> newestFirst) {
        StringBuilder text = new StringBuilder();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            ChatRow row = newestFirst.get(i);
            text.append("- ").append(TIME.format(row.id().instant())).append(' ')
                    .append(row.role().name().toLowerCase(java.util.Locale.ROOT)).append('@').append(row.channel())
                    .append(": ").append(row.content().replace("\n", "\n  ")).append('\n');
        }
        return text.toString();
    }

    private static <T> CompletableFuture<T> submit(ExecutorService pool, Supplier<T> read) {
        return CompletableFuture.supplyAsync(read, pool);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
