package dev.heartwood.core.memory;

import java.util.List;

/** Turns chat rows that are leaving the context window into summary lines. A model-backed one can come later. */
@FunctionalInterface
public interface ChatSummarizer {

    /** @param oldestFirst the rows to summarize, oldest first */
    List<String> summarize(List<ChatRow> oldestFirst);

    /** One line per message: when, who, and the start of what was said. Needs no model. */
    static ChatSummarizer extractive() {
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneOffset.UTC);
        return rows -> rows.stream().map(row -> {
            String first = row.content().strip().lines().findFirst().orElse("");
            String gist = first.length() > 120 ? first.substring(0, 119) + "…" : first;
            return "- " + time.format(row.id().instant()) + " " + row.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "@" + row.channel() + ": " + gist;
        }).toList();
    }
}
