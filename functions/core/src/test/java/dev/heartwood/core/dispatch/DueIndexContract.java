package dev.heartwood.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DueIndex} promises, proven once per adapter. */
public abstract class DueIndexContract {

    protected static final int SHARDS = 4;
    protected static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    protected static final Duration EVERY = Duration.ofMinutes(15);
    private static final int RACERS = 8;
    private static final Instant FAR = Instant.parse("2030-01-01T00:00:00Z");

    private final Shards shards = Shards.of(SHARDS);
    private final SecureRandom random = new SecureRandom();
    protected DueIndex index;

    /** An index of {@code shards} shards; called more than once per test, every index of a test sees the same roster. */
    protected abstract DueIndex newIndex(int shards);

    @BeforeEach
    void setUpIndex() {
        index = newIndex(SHARDS);
    }

    protected AgentId newAgent() {
        return AgentId.of("agent-" + Integer.toUnsignedString(random.nextInt(), 36));
    }

    protected AgentId newAgentIn(int shard) {
        AgentId agent;
        do {
            agent = newAgent();
        } while (shards.of(agent) != shard);
        return agent;
    }

    /** Every page of one shard, concatenated. */
    protected List<DueAgent> allDue(DueIndex from, int shard, Instant now, int limit) {
        List<DueAgent> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            DuePage page = from.due(shard, now, limit, token);
            all.addAll(page.agents());
            token = page.nextToken();
            assertThat(++pages).as("pages of shard %d", shard).isLessThan(1000);
        } while (token != null);
        return all;
    }

    protected List<DueAgent> allDue(Instant now) {
        List<DueAgent> all = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            all.addAll(allDue(index, shard, now, 100));
        }
        return all;
    }

    private List<DueAgent> dueOf(AgentId agent, Instant now) {
        return allDue(now).stream().filter(d -> d.agent().equals(agent)).toList();
    }

    @Test
    void shards_isTheCountTheIndexWasBuiltWith() {
        assertThat(index.shards()).isEqualTo(SHARDS);
    }

    @Test
    void due_atTheFirstWake_listsTheAgentWithItsCadence() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);

        DuePage page = index.due(shards.of(agent), T0, 10, null);

        assertThat(page.agents()).containsExactly(new DueAgent(agent, T0, EVERY));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void due_beforeTheFirstWake_leavesTheAgentOut() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);

        assertThat(dueOf(agent, T0.minusMillis(1))).isEmpty();
        assertThat(dueOf(agent, T0.plusMillis(1))).hasSize(1);
    }

    @Test
    void due_listsEachAgentInItsOwnShardOnly() {
        List<AgentId> agents = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            agents.add(newAgentIn(shard));
            agents.add(newAgentIn(shard));
        }
        agents.forEach(a -> index.register(a, EVERY, T0));

        for (int shard = 0; shard < SHARDS; shard++) {
            int s = shard;
            assertThat(allDue(index, shard, T0, 100)).extracting(DueAgent::agent)
                    .containsExactlyInAnyOrderElementsOf(agents.stream().filter(a -> shards.of(a) == s).toList());
        }
    }

    @Test
    void due_ordersTheShardByNextWake_oldestFirst() {
        AgentId late = newAgentIn(1);
        AgentId early = newAgentIn(1);
        AgentId middle = newAgentIn(1);
        index.register(late, EVERY, T0.plusSeconds(120));
        index.register(early, EVERY, T0);
        index.register(middle, EVERY, T0.plusSeconds(60));

        assertThat(allDue(index, 1, T0.plusSeconds(120), 10)).extracting(DueAgent::agent)
                .containsExactly(early, middle, late);
    }

    @Test
    void due_inSmallPages_listsEveryDueAgentOnceInOrder() {
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AgentId agent = newAgentIn(2);
            agents.add(agent);
            index.register(agent, EVERY, T0.plusSeconds(i));
        }
        index.register(newAgentIn(2), EVERY, T0.plusSeconds(3600));

        DuePage first = index.due(2, T0.plusSeconds(60), 3, null);
        List<DueAgent> all = allDue(index, 2, T0.plusSeconds(60), 3);

        assertThat(first.agents()).hasSize(3);
        assertThat(first.next()).isPresent();
        assertThat(all).extracting(DueAgent::agent).containsExactlyElementsOf(agents);
    }

    @Test
    void due_afterThePreviousPageWasAdvanced_continuesWithTheRest() {
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AgentId agent = newAgentIn(3);
            agents.add(agent);
            index.register(agent, EVERY, T0.plusSeconds(i));
        }
        Instant now = T0.plusSeconds(30);

        List<AgentId> seen = new ArrayList<>();
        String token = null;
        do {
            DuePage page = index.due(3, now, 2, token);
            for (DueAgent due : page.agents()) {
                seen.add(due.agent());
                assertThat(index.advance(due, due.nextAfter(now))).isTrue();
            }
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(agents);
        assertThat(allDue(index, 3, now, 10)).isEmpty();
    }

    @Test
    void advance_movesTheWakeToTheGivenSlot() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();

        assertThat(index.advance(due, T0.plus(EVERY))).isTrue();

        assertThat(dueOf(agent, T0.plus(EVERY).minusSeconds(1))).isEmpty();
        assertThat(dueOf(agent, T0.plus(EVERY))).containsExactly(new DueAgent(agent, T0.plus(EVERY), EVERY));
    }

    @Test
    void advance_fromAStaleRead_isFalseAndChangesNothing() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();
        index.advance(due, T0.plus(EVERY));

        assertThat(newIndex(SHARDS).advance(due, T0.plus(EVERY).plus(EVERY))).isFalse();

        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0.plus(EVERY), EVERY));
    }

    @Test
    void advance_racedByManyTicks_hasExactlyOneWinner() throws Exception {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            for (int i = 0; i < RACERS; i++) {
                DueIndex racer = newIndex(SHARDS);
                results.add(pool.submit(() -> {
                    start.await();
                    return racer.advance(due, T0.plus(EVERY));
                }));
            }
            start.countDown();
        }

        long winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0.plus(EVERY), EVERY));
    }

    @Test
    void advance_afterRemove_isFalseAndDoesNotBringTheAgentBack() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();
        index.remove(agent);

        assertThat(index.advance(due, T0.plus(EVERY))).isFalse();

        assertThat(dueOf(agent, FAR)).isEmpty();
    }

    @Test
    void advance_afterANewCadenceAtTheSameWake_isFalseAndKeepsTheNewCadence() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();
        index.register(agent, Duration.ofHours(1), T0);

        assertThat(index.advance(due, T0.plus(EVERY))).isFalse();

        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0, Duration.ofHours(1)));
    }

    @Test
    void advance_toAWakeNotAfterTheCurrentOne_isRefusedAndChangesNothing() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        DueAgent due = dueOf(agent, T0).getFirst();

        assertThatThrownBy(() -> index.advance(due, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next");

        assertThat(dueOf(agent, FAR)).containsExactly(due);
    }

    @Test
    void register_again_replacesCadenceAndWake() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);

        index.register(agent, Duration.ofHours(1), T0.plusSeconds(300));

        assertThat(dueOf(agent, T0)).isEmpty();
        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0.plusSeconds(300), Duration.ofHours(1)));
    }

    @Test
    void register_afterAnAdvance_replacesTheAdvancedWake() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        index.advance(dueOf(agent, T0).getFirst(), T0.plus(EVERY));

        newIndex(SHARDS).register(agent, EVERY, T0.plusSeconds(3600));

        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0.plusSeconds(3600), EVERY));
    }

    @Test
    void register_cutsTheFirstWakeToTheSecond() {
        AgentId agent = newAgent();

        index.register(agent, EVERY, T0.plusMillis(1500));

        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0.plusSeconds(1), EVERY));
    }

    @Test
    void register_withACadenceUnderAMinute_isRefusedAndChangesNothing() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);

        assertThatThrownBy(() -> index.register(agent, Duration.ofSeconds(30), T0.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every");

        assertThat(dueOf(agent, FAR)).containsExactly(new DueAgent(agent, T0, EVERY));
    }

    @Test
    void remove_takesTheAgentOffTheRoster() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);

        assertThat(index.remove(agent)).isTrue();

        assertThat(dueOf(agent, FAR)).isEmpty();
        assertThat(index.remove(agent)).isFalse();
    }

    @Test
    void remove_afterAnAdvance_takesTheAdvancedEntryOff() {
        AgentId agent = newAgent();
        index.register(agent, EVERY, T0);
        index.advance(dueOf(agent, T0).getFirst(), T0.plus(EVERY));

        assertThat(newIndex(SHARDS).remove(agent)).isTrue();

        assertThat(dueOf(agent, FAR)).isEmpty();
    }

    @Test
    void remove_ofAnAgentNeverRegistered_isFalse() {
        assertThat(index.remove(newAgent())).isFalse();
    }

    @Test
    void due_ofAShardOutsideTheIndexOrWithABadLimit_isRefused() {
        assertThatThrownBy(() -> index.due(SHARDS, T0, 10, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard");
        assertThatThrownBy(() -> index.due(-1, T0, 10, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard");
        assertThatThrownBy(() -> index.due(0, T0, 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> index.due(0, T0, DuePage.MAX_LIMIT + 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void manyAgents_spreadOverTheShards_areEachListedOnce() {
        List<AgentId> agents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AgentId agent = newAgent();
            agents.add(agent);
            index.register(agent, EVERY, T0.minusSeconds(i));
        }

        List<DueAgent> due = allDue(T0).stream().filter(d -> agents.contains(d.agent()))
                .sorted(Comparator.comparing(d -> d.agent().value())).toList();

        assertThat(due).extracting(DueAgent::agent).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(agents);
        assertThat(agents.stream().map(shards::of).distinct().count()).isGreaterThan(1);
    }
}
