package dev.heartwood.core.dispatch;

import java.util.List;

/**
 * What one tick did.
 *
 * @param found due agents read from the roster
 * @param enqueued wake-ups the queue took
 * @param failed wake-ups the queue rejected: those agents stay due and the next tick tries again
 * @param raced enqueued agents another tick had already advanced (its wake-up was a duplicate the
 *     queue drops)
 * @param pages roster pages read, across all shards
 * @param shards shards read
 * @param failures the queue's reasons for the first few rejections, for the log
 */
public record DispatchResult(int found, int enqueued, int failed, int raced, int pages, int shards,
        List<String> failures) {

    public static final int MAX_FAILURES_KEPT = 10;

    public DispatchResult {
        failures = List.copyOf(failures);
    }
}
