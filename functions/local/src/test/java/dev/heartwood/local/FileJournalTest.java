package dev.heartwood.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalContract;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.OutboxMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest extends JournalContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Override
    protected Journal newJournal() {
        return new FileJournal(LocalHome.at(home));
    }

    private Path slotFile(JournalEntry entry) {
        return LocalHome.at(home).store(StoreRole.CONTROL_TABLE).resolve(entry.agent().value()).resolve("journal")
                .resolve(entry.task().value()).resolve(entry.slot().getEpochSecond() + ".json");
    }

    @Override
    protected Optional<OutboxMessage> storedMessage(JournalEntry entry) {
        try {
            JsonNode message = JSON.readTree(slotFile(entry).toFile()).path("message");
            return message.isObject()
                    ? Optional.of(new OutboxMessage(entry.agent(), entry.messageId(), message.path("body").asText(),
                            message.path("sent").asBoolean(), message.path("receiptSequence").asLong()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void start_writesOneFilePerSlotNamedByEpochSeconds() {
        JournalEntry entry = JournalEntry.started(agent, TASK, SLOT, 1, NOW);

        journal.start(entry, Optional.empty());

        assertThat(slotFile(entry)).exists().content().contains("\"status\" : \"STARTED\"");
    }

    @Test
    void open_whenASlotFileIsCorrupt_namesTheFile() throws IOException {
        JournalEntry entry = JournalEntry.started(agent, TASK, SLOT, 1, NOW);
        journal.start(entry, Optional.empty());
        Files.writeString(slotFile(entry), "{ half");

        assertThatThrownBy(() -> journal.open(agent)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(slotFile(entry).toString());
    }
}
