package dev.heartwood.core.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * One page of a shard's due agents, oldest wake first.
 *
 * @param nextToken where the next page starts, or {@code null} when this page is the last; a
 *     page before the last may be short, even empty
 */
public record DuePage(List<DueAgent> agents, String nextToken) {

    /** The most agents one page may hold (DynamoDB returns at most 1 MB per Query anyway). */
    public static final int MAX_LIMIT = 1000;

    public DuePage {
        agents = List.copyOf(agents);
        if (nextToken != null && nextToken.isBlank()) {
            throw new IllegalArgumentException("nextToken: expected null for the last page or a non-blank token");
        }
    }

    public static DuePage last(List<DueAgent> agents) {
        return new DuePage(agents, null);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }

    /** @throws IllegalArgumentException naming the field when {@code limit} is not 1-{@value #MAX_LIMIT} */
    public static int requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: expected 1-" + MAX_LIMIT + " agents per page, got " + limit);
        }
        return limit;
    }
}
