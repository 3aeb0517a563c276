package dev.heartwood.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The fleet tick on the in-memory roster and queue: who is enqueued, how often, and what survives failures. */
class DispatchDueAgentsTest {

    private static final int SHARDS = 5;
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration EVERY = Duration.ofMinutes(15);

    private final InMemoryDueIndex index = new InMemoryDueIndex(SHARDS);
    private final InMemoryHeartbeatQueue queue = new InMemoryHeartbeatQueue();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger registered = new AtomicInteger();
    private final DispatchDueAgents dispatch = dispatcher(index, DispatchDueAgents.DEFAULT_PAGE_SIZE);

    private DispatchDueAgents dispatcher(DueIndex roster, int pageSize) {
        return new DispatchDueAgents(roster, queue, () -> "tick-" + ticks.incrementAndGet(), pageSize);
    }

    private List<AgentId> register(int count, Instant firstWake) {
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AgentId agent = AgentId.of(String.format("agent-%03d", registered.incrementAndGet()));
            index.register(agent, EVERY, firstWake);
            agents.add(agent);
        }
        return agents;
    }

    private List<AgentId> stillDue(Instant now) {
        List<AgentId> due = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            index.due(shard, now, DuePage.MAX_LIMIT, null).agents().forEach(d -> due.add(d.agent()));
        }
        return due;
    }

    @Test
    void run_with25DueAgentsOverSeveralShards_sendsThemInThreeBatches() {
        List<AgentId> agents = register(25, T0);
        assertThat(agents.stream().map(Shards.of(SHARDS)::of).distinct().count()).isGreaterThan(2);

        DispatchResult result = dispatch.run(T0.plusSeconds(30));

        assertThat(queue.requests()).extracting(List::size).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(queue.delivered()).allSatisfy(w -> {
            assertThat(w.scheduledTime()).isEqualTo(T0);
            assertThat(w.executionId()).isEqualTo("tick-1");
        });
        assertThat(result).isEqualTo(new DispatchResult(25, 25, 0, 0, SHARDS, SHARDS, List.of()));
    }

    @Test
    void run_twiceAtTheSameNow_enqueuesNothingTheSecondTime() {
        register(12, T0);
        dispatch.run(T0);

        DispatchResult second = dispatch.run(T0);

        assertThat(second.found()).isZero();
        assertThat(second.enqueued()).isZero();
        assertThat(queue.requests()).hasSize(2);
    }

    @Test
    void run_beforeAnAgentIsDue_leavesItAlone() {
        List<AgentId> due = register(3, T0);
        List<AgentId> later = register(2, T0.plusSeconds(1));

        DispatchResult result = dispatch.run(T0);

        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactlyInAnyOrderElementsOf(due)
                .doesNotContainAnyElementsOf(later);
        assertThat(result.found()).isEqualTo(3);
        assertThat(stillDue(T0.plusSeconds(1))).containsExactlyInAnyOrderElementsOf(later);
    }

    @Test
    void run_afterAnOutage_sendsOneWakeUpAndSkipsToTheFirstSlotAfterNow() {
        AgentId agent = register(1, T0).getFirst();

        dispatch.run(T0.plus(Duration.ofMinutes(50)));

        assertThat(queue.delivered()).extracting(WakeUp::scheduledTime).containsExactly(T0);
        assertThat(dispatch.run(T0.plus(Duration.ofMinutes(59))).found()).isZero();
        dispatch.run(T0.plus(Duration.ofMinutes(60)));
        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactly(agent, agent);
        assertThat(queue.delivered()).extracting(WakeUp::scheduledTime).containsExactly(T0, T0.plus(Duration.ofMinutes(60)));
    }

    @Test
    void run_whenTheQueueRejectsAnAgent_leavesItDueAndSendsItNextTick() {
        List<AgentId> agents = register(4, T0);
        AgentId refused = agents.get(2);
        queue.refuse(refused);

        DispatchResult first = dispatch.run(T0);

        assertThat(first.enqueued()).isEqualTo(3);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.failures()).singleElement(InstanceOfAssertFactories.STRING).startsWith(refused + " at " + T0 + ": InternalError");
        assertThat(stillDue(T0)).containsExactly(refused);

        queue.accept(refused);
        DispatchResult second = dispatch.run(T0.plusSeconds(60));

        assertThat(second.enqueued()).isEqualTo(1);
        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(stillDue(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void run_thatDiesBetweenEnqueueAndAdvance_isResentNextTickUnderTheSameDeduplicationId() {
        AgentId agent = register(1, T0).getFirst();
        DueIndex dyingOnce = new DueIndexDecorator(index) {
            boolean died;

            @Override
            public boolean advance(DueAgent due, Instant next) {
                if (!died) {
                    died = true;
                    throw new IllegalStateException("the tick's container was frozen");
                }
                return super.advance(due, next);
            }
        };
        DispatchDueAgents crashing = dispatcher(dyingOnce, DispatchDueAgents.DEFAULT_PAGE_SIZE);

        assertThatThrownBy(() -> crashing.run(T0)).isInstanceOf(DispatchException.class);
        DispatchResult next = crashing.run(T0.plusSeconds(60));

        assertThat(next.enqueued()).isEqualTo(1);
        List<WakeUp> sent = queue.requests().stream().flatMap(List::stream).toList();
        assertThat(sent).hasSize(2).extracting(WakeUp::deduplicationId).containsOnly(agent + "@" + T0);
        assertThat(queue.delivered()).hasSize(1);
        assertThat(stillDue(T0.plus(EVERY).minusSeconds(1))).isEmpty();
    }

    @Test
    void run_whenAShardCannotBeRead_dispatchesTheOthersAndThenFails() {
        List<AgentId> agents = register(20, T0);
        int broken = Shards.of(SHARDS).of(agents.getFirst());
        DueIndex oneShardDown = new DueIndexDecorator(index) {
            @Override
            public DuePage due(int shard, Instant now, int limit, String pageToken) {
                if (shard == broken) {
                    throw new DispatchException("shard table throttled (test)");
                }
                return super.due(shard, now, limit, pageToken);
            }
        };

        assertThatThrownBy(() -> dispatcher(oneShardDown, 100).run(T0)).isInstanceOf(DispatchException.class)
                .hasMessageContaining("shard " + broken + " of " + SHARDS).hasMessageContaining("throttled");

        List<AgentId> inBroken = agents.stream().filter(a -> Shards.of(SHARDS).of(a) == broken).toList();
        assertThat(queue.delivered()).extracting(WakeUp::agent)
                .containsExactlyInAnyOrderElementsOf(agents.stream().filter(a -> !inBroken.contains(a)).toList());
        assertThat(stillDue(T0)).containsExactlyInAnyOrderElementsOf(inBroken);
    }

    @Test
    void run_whenTheQueueIsUnreachable_failsAndLeavesEveryAgentDue() {
        List<AgentId> agents = register(13, T0);
        queue.unreachable(true);

        assertThatThrownBy(() -> dispatch.run(T0)).isInstanceOf(DispatchException.class)
                .hasMessageContaining("0 of 13 due agents were enqueued");

        assertThat(stillDue(T0)).containsExactlyInAnyOrderElementsOf(agents);
    }

    @Test
    void run_withSmallPages_readsEveryPageAndEnqueuesEveryone() {
        List<AgentId> agents = register(23, T0);

        DispatchResult result = dispatcher(index, 2).run(T0);

        assertThat(result.enqueued()).isEqualTo(23);
        assertThat(result.pages()).isGreaterThanOrEqualTo(23 / 2);
        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(queue.requests()).extracting(List::size).containsExactlyInAnyOrder(10, 10, 3);
    }

    @Test
    void run_byTwoTicksAtOnce_wakesEachAgentOnceAndAdvancesItOnce() throws Exception {
        List<AgentId> agents = register(60, T0);
        CountDownLatch bothRead = new CountDownLatch(2);
        // Both ticks read shard 0 before either advances any of it: the worst interleaving for that shard.
        DueIndex meeting = new DueIndexDecorator(index) {
            @Override
            public DuePage due(int shard, Instant now, int limit, String pageToken) {
                DuePage page = super.due(shard, now, limit, pageToken);
                if (shard == 0) {
                    bothRead.countDown();
                    try {
                        assertThat(bothRead.await(10, TimeUnit.SECONDS)).as("the other tick read shard 0").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return page;
            }
        };
        List<Future<DispatchResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                DispatchDueAgents tick = dispatcher(meeting, DuePage.MAX_LIMIT);
                results.add(pool.submit(() -> tick.run(T0)));
            }
        }

        int enqueued = 0;
        int raced = 0;
        for (Future<DispatchResult> result : results) {
            enqueued += result.get().enqueued();
            raced += result.get().raced();
        }
        assertThat(queue.delivered()).extracting(WakeUp::agent).containsExactlyInAnyOrderElementsOf(agents);
        assertThat(enqueued - raced).isEqualTo(60);
        assertThat(stillDue(T0.plus(EVERY).minusSeconds(1))).isEmpty();
        assertThat(stillDue(T0.plus(EVERY))).containsExactlyInAnyOrderElementsOf(agents);
    }

    @Test
    void run_withAnUnusableExecutionId_isRefusedBeforeReadingAnything() {
        register(2, T0);
        DispatchDueAgents badIds = new DispatchDueAgents(index, queue, () -> "tick 1", 10);

        assertThatThrownBy(() -> badIds.run(T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("executionId:");

        assertThat(queue.requests()).isEmpty();
        assertThat(stillDue(T0)).hasSize(2);
    }

    @Test
    void pageSize_outsideTheIndexLimits_isRefused() {
        assertThatThrownBy(() -> dispatcher(index, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("limit:");
    }

    /** Passes everything to the roster; tests override the one call they break. */
    private static class DueIndexDecorator implements DueIndex {

        private final DueIndex delegate;

        DueIndexDecorator(DueIndex delegate) {
            this.delegate = delegate;
        }

        @Override
        public int shards() {
            return delegate.shards();
        }

        @Override
        public void register(AgentId agent, Duration every, Instant firstWake) {
            delegate.register(agent, every, firstWake);
        }

        @Override
        public boolean remove(AgentId agent) {
            return delegate.remove(agent);
        }

        @Override
        public DuePage due(int shard, Instant now, int limit, String pageToken) {
            return delegate.due(shard, now, limit, pageToken);
        }

        @Override
        public boolean advance(DueAgent due, Instant next) {
            return delegate.advance(due, next);
        }
    }
}
