package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.redaction.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends a timestamped line to today's daily log ({@code memory/YYYY-MM-DD.md}, UTC). Several
 * writers (a heartbeat, a webhook turn, the CLI) may append at once: each append is a conditional
 * read-modify-write that retries when it loses, so every line lands and none is lost.
 */
public final class AppendDailyLog {

    static final int MAX_ATTEMPTS = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final MemoryStore store;
    private final Redactor redactor;
    private final MemoryLimits limits;
    private final Clock clock;

    public AppendDailyLog(MemoryStore store, Redactor redactor, MemoryLimits limits, Clock clock) {
        this.store = store;
        this.redactor = redactor;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Today's log as it is now, read ahead of an append: a caller that has a wave of reads in flight
     * anyway reads it there, and the append then costs one write instead of a read and a write.
     *
     * @param log the daily log read, and what it held ({@code file} empty when there is none yet)
     */
    public record Prefetched(AgentId agent, MemoryPath log, Optional<MemoryFile> file) {
    }

    public Prefetched prefetch(AgentId agent) {
        MemoryPath log = MemoryPath.dailyLog(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        return new Prefetched(agent, log, store.read(agent, log));
    }

    /** @return the log's new version */
    public Version run(AgentId agent, String entry) {
        return run(agent, entry, null);
    }

    /**
     * Appends as {@link #run(AgentId, String)} does, but first tries to write over {@code prefetched}
     * without reading again. The write is conditional on the prefetched version, so a line another
     * writer appended since is never lost: the write fails and the usual read-modify-write follows.
     * A prefetch of another agent or another day (midnight passed in between) is ignored.
     *
     * @param prefetched from {@link #prefetch}, or {@code null} to read first
     * @return the log's new version
     */
    public Version run(AgentId agent, String entry, Prefetched prefetched) {
        Instant now = clock.instant();
        MemoryPath log = MemoryPath.dailyLog(LocalDate.ofInstant(now, ZoneOffset.UTC));
        String line = "- " + TIME.format(now) + " " + redactor.redact(entry.strip()).text().replace("\n", "\n  ") + "\n";
        boolean usePrefetched = prefetched != null && prefetched.agent().equals(agent) && prefetched.log().equals(log);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var current = attempt == 1 && usePrefetched ? prefetched.file() : store.read(agent, log);
            String content = current.map(MemoryFile::content).orElse("# " + log.day().orElseThrow() + "\n\n") + line;
            WriteMemory.requireWithinLimit(log, content, limits);
            try {
                return store.write(agent, log, content, current.<WriteCondition>map(f -> new WriteCondition.IfUnchanged(f.version()))
                        .orElse(new WriteCondition.CreateOnly()));
            } catch (MemoryConflictException lost) {
                backOff(attempt);
            }
        }
        throw new MemoryConflictException("daily log " + log + " of " + agent + " kept changing: gave up after "
                + MAX_ATTEMPTS + " attempts; the entry was not written");
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryException("interrupted while appending to the daily log", e);
        }
    }
}
