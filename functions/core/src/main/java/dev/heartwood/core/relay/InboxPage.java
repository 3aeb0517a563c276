package dev.heartwood.core.relay;

import java.util.List;

/**
 * One read of an agent's inbox: the messages after the sequence asked for, oldest first.
 *
 * @param next what to ask for after, to read on: the last message's sequence, or the one asked
 *     for when the page is empty
 */
public record InboxPage(List<InboxMessage> messages, long next) {

    /** The most messages one read may ask for. */
    public static final int MAX_LIMIT = 100;

    public InboxPage {
        messages = List.copyOf(messages);
        if (next < 0) {
            throw new IllegalArgumentException("inbox next must be 0 or more, got " + next);
        }
    }
}
