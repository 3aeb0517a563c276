package dev.heartwood.core.proof;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.heartbeat.RunHeartbeatBatch;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch of B heartbeat queue messages of which f are poison, through the worker's use case
 * ({@link RunHeartbeatBatch}) and a FIFO queue with the installation's redrive policy: the first
 * receive must report exactly the f poison messages, every good message must be processed (its
 * heartbeat run and the message deleted) exactly once, and after {@code maxReceiveCount} receives
 * exactly the f poison messages must be in the dead-letter queue.
 */
final class PartialBatch {

    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    private static final String[] POISON = {"{\"agentId\": 42}", "heartbeat agent-7f3a 2026-11-22T09:25:00Z",
            "{\"agentId\":\"agent-7f3a\",\"scheduledTi", "{\"scheduledTime\":\"2026-11-22T09:25:00Z\"}",
            "{\"agentId\":\"Not An Id\",\"scheduledTime\":\"2026-11-22T09:25:00Z\"}"};

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private final AtomicInteger runs = new AtomicInteger();

    PartialBatch(ProofSite site, Rehearsal rehearsal) {
        this.site = site;
        this.rehearsal = rehearsal;
    }

    ProofReport.Line run(List<Long> seeds, List<String> failures) {
        int records = 0;
        int poison = 0;
        int firstReported = 0;
        int goodDead = 0;
        int poisonDead = 0;
        int goodOnce = 0;
        for (long seed : seeds) {
            SplittableRandom random = new SplittableRandom(seed);
            int batch = 4 + random.nextInt(7);
            int bad = 1 + random.nextInt(Math.min(3, batch - 1));
            int n = runs.incrementAndGet();
            rehearsal.moveClockTo(START.plus(Duration.ofDays(n)));
            List<AgentId> agents = new ArrayList<>();
            for (int a = 0, groups = 2 + random.nextInt(3); a < groups; a++) {
                agents.add(agent(n, a));
            }
            Set<Integer> poisoned = new HashSet<>();
            while (poisoned.size() < bad) {
                poisoned.add(random.nextInt(batch));
            }
            FifoQueueModel queue = new FifoQueueModel(StorePlan.DEFAULT_MAX_RECEIVE_COUNT);
            for (int i = 0; i < batch; i++) {
                AgentId agent = agents.get(random.nextInt(agents.size()));
                String body = poisoned.contains(i) ? POISON[random.nextInt(POISON.length)]
                        : "{\"agentId\":\"" + agent.value() + "\",\"scheduledTime\":\"" + site.clock().instant()
                                + "\",\"executionId\":\"x" + i + "\"}";
                queue.send(new FifoQueueModel.Message("m" + i, agent.value(), body, poisoned.contains(i)));
            }
            UseCases useCases = new UseCases(site.stores(), RuntimeSettings.DEFAULT, new EchoModel(), site.clock());
            RunHeartbeatBatch worker = new RunHeartbeatBatch(useCases.runHeartbeat(Redactor.standard(), site.relay(),
                    site.relayBase(), "worker-" + n));
            Map<String, Integer> processed = new HashMap<>();
            int first = -1;
            for (int receive = 0; receive < 50 && !queue.isEmpty(); receive++) {
                List<FifoQueueModel.Message> received = queue.receive(10);
                RunHeartbeatBatch.Outcome outcome = worker.run(received.stream()
                        .map(m -> new RunHeartbeatBatch.Message(m.id(), m.body())).toList());
                first = first < 0 ? outcome.failed().size() : first;
                received.stream().filter(m -> !outcome.failed().contains(m.id()))
                        .forEach(m -> processed.merge(m.id(), 1, Integer::sum));
                queue.complete(received, outcome.failed());
            }
            queue.receive(0);
            int good = batch - bad;
            long deadGood = queue.deadLetters().stream().filter(m -> !m.poison()).count();
            long deadPoison = queue.deadLetters().stream().filter(FifoQueueModel.Message::poison).count();
            long once = processed.entrySet().stream().filter(e -> !poisoned.contains(Integer.parseInt(e.getKey().substring(1))))
                    .filter(e -> e.getValue() == 1).count();
            records += batch;
            poison += bad;
            firstReported += first;
            goodDead += (int) deadGood;
            poisonDead += (int) deadPoison;
            goodOnce += (int) once;
            if (first != bad || deadGood > 0 || deadPoison != bad || once != good) {
                failures.add("seed " + seed + ", batch of " + batch + " with " + bad + " poison: the first receive reported "
                        + first + " failures, " + deadGood + " good and " + deadPoison + " poison messages were"
                        + " dead-lettered, " + once + " of " + good + " good ones processed exactly once"
                        + " — reproduce: heartwood proof --seed " + seed);
            }
        }
        boolean passed = firstReported == poison && goodDead == 0 && poisonDead == poison && goodOnce == records - poison;
        return new ProofReport.Line("partial batch", passed, seeds.size() + " batches, " + records + " records of which "
                + poison + " poison: failures reported at the first receive " + firstReported + " (poison " + poison
                + "), poison in the dead-letter queue after maxReceiveCount " + StorePlan.DEFAULT_MAX_RECEIVE_COUNT + ": "
                + poisonDead + "/" + poison + ", good records dead-lettered " + goodDead + ", good records processed"
                + " exactly once " + goodOnce + "/" + (records - poison));
    }

    private AgentId agent(int run, int index) {
        AgentId agent = AgentId.of("batch-" + run + "-" + index);
        rehearsal.create(agent);
        new UseCases(site.stores(), RuntimeSettings.DEFAULT, new EchoModel(), site.clock()).writeMemory(Redactor.standard())
                .run(agent, MemoryPath.HEARTBEAT, "# Heartbeat\n\n## Next actions\n\n- [ ] **hello** relay.post: hello from "
                        + agent.value() + "\n", new WriteCondition.Unconditional());
        return agent;
    }
}
