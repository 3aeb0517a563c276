package dev.heartwood.core.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.runtime.AgentStores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a run leaves behind, in a form two runs of the same workload can be compared in: agent
 * ids and message ids are replaced by names ({@code <agent>}, {@code <post-a@2026-…>}), so a
 * faulted run and its fault-free twin compare equal exactly when they did the same things.
 *
 * <p>Compared: every journal entry (task, slot, status, its message and whether it was sent), every
 * message the relay delivered, every chat row (as a set: a delayed heartbeat may record a relay
 * message after a user's row rather than before), every memory file but the daily logs (they
 * record the failures themselves), HEARTBEAT.md with its {@code last:} lines cut to slot and
 * outcome (their notes say how many relay messages one run recorded, which a delayed run may
 * batch differently; the chat rows show the messages themselves).
 */
record FinalState(List<String> journal, List<String> delivered, List<String> chat, Map<String, String> memory,
        int duplicates) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LAST_NOTE = Pattern.compile("(?m)^(\\s*- last: \\S+ \\S+) — .*$");

    static FinalState read(AgentStores stores, Function<AgentId, List<String>> deliveredBodies, AgentId agent,
            AgentId peer) {
        List<Journal.OpenEntry> entries = stores.journal().entries(agent);
        Map<String, String> names = new HashMap<>();
        names.put(agent.value(), "<agent>");
        names.put(peer.value(), "<peer>");
        for (Journal.OpenEntry item : entries) {
            names.put(item.entry().messageId().value(), "<" + item.entry().task() + "@" + item.entry().slot() + ">");
        }
        Function<String, String> name = text -> {
            String named = text;
            // Longest first: no name is replaced inside a longer one.
            for (Map.Entry<String, String> n : names.entrySet().stream()
                    .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList()) {
                named = named.replace(n.getKey(), n.getValue());
            }
            return named;
        };
        List<String> journal = new ArrayList<>();
        for (Journal.OpenEntry item : entries) {
            JournalEntry e = item.entry();
            journal.add(e.task() + "@" + e.slot() + " " + e.status() + item.message()
                    .map(m -> " message " + (m.sent() ? "sent " : "pending ") + name.apply(m.body())).orElse(""));
        }
        List<String> delivered = new ArrayList<>();
        int duplicates = 0;
        LinkedHashSet<String> slots = new LinkedHashSet<>();
        for (String body : deliveredBodies.apply(agent)) {
            String slot = slotOf(body);
            if (!slots.add(slot)) {
                duplicates++;
            }
            delivered.add(name.apply(body));
        }
        delivered.sort(null);
        List<String> chat = new ArrayList<>();
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (ChatRow row : stores.chat().all(agent)) {
            String line = row.role().name().toLowerCase(Locale.ROOT) + " " + row.channel() + " " + name.apply(row.content());
            if (!distinct.add(line)) {
                duplicates++;
            }
            chat.add(line + (row.deliveryId() == null ? "" : " [" + row.deliveryId() + "]"));
        }
        chat.sort(null);
        Map<String, String> memory = new TreeMap<>();
        for (FileVersion file : stores.memory().list(agent)) {
            if (file.deleted() || file.path().day().isPresent()) {
                continue;
            }
            stores.memory().read(agent, file.path()).map(MemoryFile::content)
                    .ifPresent(content -> memory.put(file.path().value(), LAST_NOTE.matcher(name.apply(content)).replaceAll("$1")));
        }
        return new FinalState(List.copyOf(journal), List.copyOf(delivered), List.copyOf(chat), memory, duplicates);
    }

    /** The task and slot a relay.post or model.prompt body carries; the whole body for anything else. */
    private static String slotOf(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.path("task").isTextual() && node.path("slot").isTextual()) {
                return node.path("task").asText() + "@" + node.path("slot").asText();
            }
        } catch (IOException notJson) {
            // Not one of the agent's own task messages: it counts by its whole body.
        }
        return body;
    }

    /** What differs from {@code other}, a line per part, empty when the two are equal. */
    List<String> differences(FinalState other) {
        List<String> differences = new ArrayList<>();
        compare("journal", journal, other.journal, differences);
        compare("relay deliveries", delivered, other.delivered, differences);
        compare("chat rows", chat, other.chat, differences);
        if (!memory.equals(other.memory)) {
            TreeMap<String, String> all = new TreeMap<>(memory);
            other.memory.forEach(all::putIfAbsent);
            all.keySet().stream().filter(path -> !Objects.equals(memory.get(path), other.memory.get(path)))
                    .forEach(path -> differences.add("memory " + path + " differs"));
        }
        return differences;
    }

    private static void compare(String part, List<String> mine, List<String> theirs, List<String> differences) {
        if (mine.equals(theirs)) {
            return;
        }
        List<String> missing = new ArrayList<>(mine);
        theirs.forEach(missing::remove);
        List<String> extra = new ArrayList<>(theirs);
        mine.forEach(extra::remove);
        differences.add(part + ": " + mine.size() + " vs " + theirs.size()
                + (missing.isEmpty() ? "" : "; only in the reference: " + missing.get(0))
                + (extra.isEmpty() ? "" : "; only here: " + extra.get(0)));
    }
}
