package dev.heartwood.core.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The drill's own time: it starts where the caller says and moves only when the drill moves it,
 * so "thirty minutes later" takes no thirty minutes. Every store the drill uses reads this clock;
 * tests that move time use it too.
 */
public final class DrillClock extends Clock {

    private volatile Instant now;

    public DrillClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
