package dev.heartwood.core.heartbeat.task;

import dev.heartwood.core.memory.FileVersion;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.MemoryStore;
import dev.heartwood.core.memory.NextActions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code memory.audit}: finds note-rot — notes nobody touched in {@code staleAfter}, and notes that
 * point at memory files that no longer exist — and turns each into a next action, so the agent
 * reviews its own memory instead of letting it decay silently. Daily logs are history, not notes.
 */
public final class MemoryAuditTask implements TaskExecutor {

    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w/.-])((?:[A-Za-z0-9_-]+/){0,2}[A-Za-z0-9][A-Za-z0-9._-]*\\.md)\\b");

    private final MemoryStore store;
    private final Clock clock;
    private final Duration staleAfter;

    public MemoryAuditTask(MemoryStore store, Clock clock, Duration staleAfter) {
        this.store = store;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    @Override
    public String kind() {
        return "memory.audit";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        return Optional.empty();
    }

    @Override
    public String perform(TaskRun run) {
        List<FileVersion> files = store.list(run.agent());
        Set<String> existing = files.stream().map(f -> f.path().value()).collect(Collectors.toSet());
        List<String> findings = new ArrayList<>();
        for (FileVersion file : files) {
            // Daily logs and the chat summary are history; HEARTBEAT.md holds these very actions.
            if (file.path().day().isPresent() || file.path().equals(MemoryPath.CHAT_SUMMARY)
                    || file.path().equals(MemoryPath.HEARTBEAT)) {
                continue;
            }
            long days = Duration.between(file.lastModified(), clock.instant()).toDays();
            if (days >= staleAfter.toDays()) {
                findings.add("- [ ] memory.audit: review " + file.path() + ", not touched in " + days + " days");
            }
            String content = store.read(run.agent(), file.path()).map(MemoryFile::content).orElse("");
            Matcher reference = REFERENCE.matcher(content);
            while (reference.find()) {
                String target = reference.group(1);
                if (!existing.contains(target) && isMemoryName(target)) {
                    findings.add("- [ ] memory.audit: " + file.path() + " refers to " + target + ", which does not exist");
                }
            }
        }
        NextActions actions = new NextActions(store);
        int added = 0;
        for (String finding : findings.stream().distinct().toList()) {
            String key = finding.substring(0, finding.indexOf(',') > 0 ? finding.indexOf(',') : finding.length());
            if (actions.add(run.agent(), key, finding)) {
                added++;
            }
        }
        return findings.isEmpty() ? "memory audit found nothing stale or dangling in " + files.size() + " files"
                : "memory audit: " + findings.size() + " findings, " + added + " new next actions";
    }

    private static boolean isMemoryName(String name) {
        try {
            MemoryPath.of(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
