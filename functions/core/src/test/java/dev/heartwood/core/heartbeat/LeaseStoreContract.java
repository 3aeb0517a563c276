package dev.heartwood.core.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.heartwood.core.identity.AgentId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} promises, proven once per adapter. */
public abstract class LeaseStoreContract {

    protected static final Duration TTL = Duration.ofMinutes(2);
    private static final int RACERS = 8;

    protected final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-01T09:00:00Z"));
    protected LeaseStore leases;
    protected AgentId agent;

    /** A store reading time from {@code clock}; called more than once per test, every store sees the same data. */
    protected abstract LeaseStore newStore(Clock clock);

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36));
    }

    @BeforeEach
    void setUpLeases() {
        leases = newStore(clock);
        agent = newAgent();
    }

    @Test
    void acquire_whenFree_givesAPositiveTokenUntilNowPlusTtl() {
        Lease lease = leases.acquire(agent, "worker-a", TTL).orElseThrow();

        assertThat(lease.agent()).isEqualTo(agent);
        assertThat(lease.owner()).isEqualTo("worker-a");
        assertThat(lease.fencingToken()).isPositive();
        assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    void acquire_whenAnotherOwnerHoldsIt_isEmptyAtOnce() {
        leases.acquire(agent, "worker-a", TTL).orElseThrow();
        clock.advance(TTL.minusSeconds(1));

        // The clock does not move by itself: a store that waited for the expiry would never return.
        Optional<Lease> second = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> newStore(clock).acquire(agent, "worker-b", TTL));

        assertThat(second).isEmpty();
    }

    @Test
    void acquire_atTheExactExpiry_isStillEmpty() {
        leases.acquire(agent, "worker-a", TTL).orElseThrow();
        clock.advance(TTL);

        assertThat(leases.acquire(agent, "worker-b", TTL)).isEmpty();
    }

    @Test
    void acquire_afterExpiry_givesALargerToken() {
        Lease first = leases.acquire(agent, "worker-a", TTL).orElseThrow();
        clock.advance(TTL.plusMillis(1));

        Lease second = leases.acquire(agent, "worker-b", TTL).orElseThrow();

        assertThat(second.owner()).isEqualTo("worker-b");
        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
        assertThat(second.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    void release_thenAcquire_givesALargerToken() {
        Lease first = leases.acquire(agent, "worker-a", TTL).orElseThrow();

        leases.release(first);
        Lease second = newStore(clock).acquire(agent, "worker-b", TTL).orElseThrow();

        assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    }

    @Test
    void tokens_keepGrowingOverManyAcquisitions() {
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            Lease lease = leases.acquire(agent, "worker-" + i, TTL).orElseThrow();
            assertThat(lease.fencingToken()).isGreaterThan(previous);
            previous = lease.fencingToken();
            if (i % 2 == 0) {
                leases.release(lease);
            } else {
                clock.advance(TTL.plusSeconds(1));
            }
        }
    }

    @Test
    void release_ofALeaseTakenOver_leavesTheNewHolderInPlace() {
        Lease stale = leases.acquire(agent, "worker-a", TTL).orElseThrow();
        clock.advance(TTL.plusSeconds(1));
        Lease current = leases.acquire(agent, "worker-b", TTL).orElseThrow();

        leases.release(stale);

        assertThat(leases.acquire(agent, "worker-c", TTL)).isEmpty();
        leases.release(current);
        assertThat(leases.acquire(agent, "worker-c", TTL)).isPresent();
    }

    @Test
    void release_twice_isHarmless() {
        Lease lease = leases.acquire(agent, "worker-a", TTL).orElseThrow();

        leases.release(lease);
        leases.release(lease);

        assertThat(leases.acquire(agent, "worker-b", TTL)).isPresent();
    }

    @Test
    void agents_haveSeparateLeases() {
        Lease mine = leases.acquire(agent, "worker-a", TTL).orElseThrow();

        Lease theirs = leases.acquire(newAgent(), "worker-a", TTL).orElseThrow();

        assertThat(theirs.fencingToken()).isPositive();
        assertThat(leases.acquire(agent, "worker-b", TTL)).isEmpty();
        leases.release(mine);
        assertThat(leases.acquire(agent, "worker-b", TTL)).isPresent();
    }

    @Test
    void acquire_withANonPositiveTtl_isRefusedAndTakesNothing() {
        assertThatThrownBy(() -> leases.acquire(agent, "worker-a", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");

        assertThat(leases.acquire(agent, "worker-b", TTL)).isPresent();
    }

    @Test
    void acquire_raced_byManyOwners_hasExactlyOneWinner() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lease>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            for (int i = 0; i < RACERS; i++) {
                String owner = "racer-" + i;
                LeaseStore store = newStore(clock);
                results.add(pool.submit(() -> {
                    start.await();
                    return store.acquire(agent, owner, TTL);
                }));
            }
            start.countDown();
        }

        List<Lease> winners = new ArrayList<>();
        for (Future<Optional<Lease>> result : results) {
            result.get().ifPresent(winners::add);
        }
        assertThat(winners).hasSize(1);
        clock.advance(TTL.plusSeconds(1));
        assertThat(leases.acquire(agent, "late", TTL).orElseThrow().fencingToken())
                .isGreaterThan(winners.get(0).fencingToken());
    }

    /** A clock the test moves by hand, so expiry needs no sleeping. */
    protected static final class SteppingClock extends Clock {

        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the contract needs UTC only");
        }
    }
}
