package dev.heartwood.core.heartbeat;

import java.util.Optional;

class InMemoryJournalTest extends JournalContract {

    private final InMemoryJournal memory = new InMemoryJournal();

    @Override
    protected Journal newJournal() {
        return memory;
    }

    @Override
    protected Optional<OutboxMessage> storedMessage(JournalEntry entry) {
        return memory.message(entry.messageId());
    }
}
