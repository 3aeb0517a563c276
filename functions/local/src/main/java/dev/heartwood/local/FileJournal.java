package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalConflictException;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.MessageId;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The journal as files: {@code control/{agent}/journal/{task}/{slot-epoch-seconds}.json}, one per
 * task slot, holding the entry and its outbox message together. Starting creates the file whole
 * or not at all (link(2) refuses an existing name), so the decision and its message are one
 * atomic write and a slot can be started once. Claim and finish compare status and token and
 * replace the file atomically while holding the agent's journal lock, so the compare and the
 * write cannot interleave with another process's.
 */
public final class FileJournal implements Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path control;

    public FileJournal(LocalHome home) {
        this.control = home.store(StoreRole.CONTROL_TABLE);
    }

    private record Stored(JournalEntry entry, Optional<OutboxMessage> message) {
    }

    @Override
    public List<OpenEntry> open(AgentId agent) {
        Path dir = journal(agent);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // Every slot file is read on each heartbeat: fine for one person's tasks, and no index to keep in step.
        List<OpenEntry> open = new ArrayList<>();
        try (Stream<Path> files = Files.find(dir, 2, (path, attributes) -> attributes.isRegularFile() && isSlotFile(path))) {
            for (Path file : files.toList()) {
                read(agent, file).filter(s -> s.entry().status() == JournalEntry.Status.STARTED)
                        .ifPresent(s -> open.add(new OpenEntry(s.entry(), s.message())));
            }
        } catch (IOException e) {
            throw failure("cannot read the journal of agent " + agent + " in " + dir, e);
        }
        open.sort(Comparator.comparing((OpenEntry o) -> o.entry().slot()).thenComparing(o -> o.entry().task().value()));
        return List.copyOf(open);
    }

    @Override
    public Optional<JournalEntry> find(AgentId agent, TaskId task, Instant slot) {
        Path file = file(agent, task, slot);
        try {
            return read(agent, file).map(Stored::entry);
        } catch (IOException e) {
            throw failure("cannot read " + file, e);
        }
    }

    @Override
    public void start(JournalEntry entry, Optional<OutboxMessage> message) {
        if (entry.status() != JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a journal entry starts STARTED, got " + entry.status());
        }
        message.ifPresent(m -> requireOwnMessage(entry, m));
        Path file = file(entry.agent(), entry.task(), entry.slot());
        try {
            if (!AtomicFiles.createNewWhole(file, json(new Stored(entry, message)))) {
                throw new JournalConflictException("agent " + entry.agent() + ": " + entry.task() + " slot " + entry.slot()
                        + " already has a journal entry (" + file + "): another invocation decided first, nothing written");
            }
        } catch (IOException e) {
            throw failure("cannot write " + file, e);
        }
    }

    @Override
    public JournalEntry claim(JournalEntry entry, long fencingToken) {
        Path file = file(entry.agent(), entry.task(), entry.slot());
        return update(entry.agent(), file, stored -> {
            if (stored.isEmpty() || stored.get().entry().status() != JournalEntry.Status.STARTED
                    || stored.get().entry().fencingToken() >= fencingToken) {
                throw new JournalConflictException("agent " + entry.agent() + ": " + entry.task() + " slot " + entry.slot()
                        + " is not open under a token older than " + fencingToken + " (" + file + "): nothing changed");
            }
            return new Stored(stored.get().entry().claimedBy(fencingToken), stored.get().message());
        }).entry();
    }

    @Override
    public void finish(JournalEntry finished, Optional<OutboxMessage> sent) {
        if (finished.status() == JournalEntry.Status.STARTED) {
            throw new IllegalArgumentException("a finished entry is DONE, SKIPPED or FAILED, got STARTED");
        }
        sent.ifPresent(m -> requireOwnMessage(finished, m));
        Path file = file(finished.agent(), finished.task(), finished.slot());
        update(finished.agent(), file, stored -> {
            if (stored.isEmpty() || stored.get().entry().status() != JournalEntry.Status.STARTED
                    || stored.get().entry().fencingToken() != finished.fencingToken()) {
                throw new JournalConflictException("agent " + finished.agent() + ": " + finished.task() + " slot "
                        + finished.slot() + " is not STARTED under token " + finished.fencingToken() + " (" + file
                        + "): a newer lease took it over or it was finished, nothing changed");
            }
            return new Stored(finished, sent.isPresent() ? sent : stored.get().message());
        });
    }

    @Override
    public List<OpenEntry> entries(AgentId agent) {
        Path dir = journal(agent);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<OpenEntry> all = new ArrayList<>();
        try (Stream<Path> files = Files.find(dir, 2, (path, attributes) -> attributes.isRegularFile() && isSlotFile(path))) {
            for (Path file : files.toList()) {
                read(agent, file).ifPresent(s -> all.add(new OpenEntry(s.entry(), s.message())));
            }
        } catch (IOException e) {
            throw failure("cannot read the journal of agent " + agent + " in " + dir, e);
        }
        all.sort(Comparator.comparing((OpenEntry o) -> o.entry().slot()).thenComparing(o -> o.entry().task().value()));
        return List.copyOf(all);
    }

    @Override
    public void restore(List<OpenEntry> entries) {
        for (OpenEntry item : entries) {
            JournalEntry entry = item.entry();
            item.message().ifPresent(m -> requireOwnMessage(entry, m));
            Path file = file(entry.agent(), entry.task(), entry.slot());
            try {
                if (!AtomicFiles.createNewWhole(file, json(new Stored(entry, item.message())))
                        && !read(entry.agent(), file).equals(Optional.of(new Stored(entry, item.message())))) {
                    throw new JournalConflictException("agent " + entry.agent() + ": " + entry.task() + " slot "
                            + entry.slot() + " already holds a different journal entry (" + file + "): not restored");
                }
            } catch (IOException e) {
                throw failure("cannot write " + file, e);
            }
        }
    }

    private interface Change {
        Stored apply(Optional<Stored> current);
    }

    private Stored update(AgentId agent, Path file, Change change) {
        try {
            return LockFile.holding(journal(agent).resolveSibling("journal.lock"), () -> {
                Stored next = change.apply(read(agent, file));
                AtomicFiles.write(file, json(next));
                return next;
            });
        } catch (IOException e) {
            throw failure("cannot update " + file, e);
        }
    }

    private Path journal(AgentId agent) {
        return control.resolve(agent.value()).resolve("journal");
    }

    /** Epoch seconds keep the name portable (no colons) and sortable; sub-second slots keep their nanoseconds. */
    private Path file(AgentId agent, TaskId task, Instant slot) {
        String name = slot.getNano() == 0 ? Long.toString(slot.getEpochSecond())
                : String.format(Locale.ROOT, "%d.%09d", slot.getEpochSecond(), slot.getNano());
        return journal(agent).resolve(task.value()).resolve(name + ".json");
    }

    private static boolean isSlotFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".");
    }

    private static Optional<Stored> read(AgentId agent, Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            JournalEntry entry = new JournalEntry(agent, TaskId.of(node.path("task").asText()),
                    Instant.parse(node.path("slot").asText()), new MessageId(node.path("messageId").asText()),
                    JournalEntry.Status.valueOf(node.path("status").asText()), node.path("fencingToken").asLong(),
                    Instant.parse(node.path("startedAt").asText()), node.path("note").asText(""));
            JsonNode message = node.path("message");
            return Optional.of(new Stored(entry, message.isObject()
                    ? Optional.of(new OutboxMessage(agent, entry.messageId(), message.path("body").asText(),
                            message.path("sent").asBoolean(), message.path("receiptSequence").asLong()))
                    : Optional.empty()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("journal file " + file + " is not a Heartwood journal entry: " + e.getMessage(), e);
        }
    }

    private static byte[] json(Stored stored) {
        JournalEntry entry = stored.entry();
        ObjectNode node = JSON.createObjectNode()
                .put("agent", entry.agent().value())
                .put("task", entry.task().value())
                .put("slot", entry.slot().toString())
                .put("messageId", entry.messageId().value())
                .put("status", entry.status().name())
                .put("fencingToken", entry.fencingToken())
                .put("startedAt", entry.startedAt().toString())
                .put("note", entry.note());
        stored.message().ifPresent(m -> node.putObject("message")
                .put("body", m.body()).put("sent", m.sent()).put("receiptSequence", m.receiptSequence()));
        return node.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }

    private static void requireOwnMessage(JournalEntry entry, OutboxMessage message) {
        if (!message.id().equals(entry.messageId()) || !message.agent().equals(entry.agent())) {
            throw new IllegalArgumentException("message " + message.id() + " of agent " + message.agent()
                    + " is not the message of this entry (expected " + entry.messageId() + " of " + entry.agent() + ")");
        }
    }

    private static UncheckedIOException failure(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
