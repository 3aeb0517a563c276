package dev.heartwood.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Wall time plus an offset the bench moves forward, so that the same task is due again at every
 * measured heartbeat without waiting its cadence out. Leases and journal entries follow it; the
 * SDK signs with the real time, which this clock never runs behind.
 */
final class BenchClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the bench runs in UTC only");
    }
}
