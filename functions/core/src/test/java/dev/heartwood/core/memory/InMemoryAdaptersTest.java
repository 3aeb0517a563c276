package dev.heartwood.core.memory;

import java.time.Clock;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes used by the use-case tests keep the same promises as the real adapters. */
class InMemoryAdaptersTest {

    @Nested
    class Store extends MemoryStoreContract {
        @Override
        protected MemoryStore newStore() {
            return new InMemoryMemoryStore();
        }
    }

    @Nested
    class Chat extends ChatLogContract {
        @Override
        protected ChatLog newChatLog() {
            return new InMemoryChatLog(Clock.systemUTC());
        }
    }
}
