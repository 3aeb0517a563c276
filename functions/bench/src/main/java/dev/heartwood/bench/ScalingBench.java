package dev.heartwood.bench;

import dev.heartwood.core.bootstrap.StorePlan;
import dev.heartwood.core.bootstrap.StoreRole;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.RowId;
import dev.heartwood.core.memory.WriteCondition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The context rebuild ({@link BuildContext}, what a turn or a model task reads) for a young agent
 * and for an old one, side by side: time and requests should not grow with the history.
 */
final class ScalingBench {

    /** One agent's history and what rebuilding its context took. */
    record Case(String name, int chatRows, int dailyLogs, Samples time, int requests, int waves) {
    }

    private final BenchInstallation installation;
    private final RequestRecorder recorder;

    ScalingBench(BenchInstallation installation, RequestRecorder recorder) {
        this.installation = installation;
        this.recorder = recorder;
    }

    /** Seeds both agents first, then rebuilds their contexts alternately, {@code rebuilds} times each. */
    List<Case> run(int smallRows, int smallLogs, int largeRows, int largeLogs, int rebuilds) {
        AgentId small = seeded(smallRows, smallLogs);
        AgentId large = seeded(largeRows, largeLogs);
        BuildContext build = installation.useCases().buildContext();
        List<Long> smallTimes = new ArrayList<>();
        List<Long> largeTimes = new ArrayList<>();
        Recording smallCalls = null;
        Recording largeCalls = null;
        for (int i = -2; i < rebuilds; i++) {   // two unmeasured rounds warm the JIT for both
            smallCalls = rebuild(build, small, smallTimes, i >= 0);
            largeCalls = rebuild(build, large, largeTimes, i >= 0);
        }
        return List.of(
                new Case("small", smallRows, smallLogs, Samples.of(smallTimes), smallCalls.count(), smallCalls.waves()),
                new Case("large", largeRows, largeLogs, Samples.of(largeTimes), largeCalls.count(), largeCalls.waves()));
    }

    private Recording rebuild(BuildContext build, AgentId agent, List<Long> times, boolean keep) {
        recorder.clear();
        long start = System.nanoTime();
        build.run(agent);
        long took = System.nanoTime() - start;
        if (keep) {
            times.add(took);
        }
        return recorder.take();
    }

    private AgentId seeded(int rows, int logs) {
        AgentId agent = installation.newAgent(BenchInstallation.IDLE_TASK);
        LocalDate today = LocalDate.ofInstant(installation.clock().instant(), ZoneOffset.UTC);
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> pending = new ArrayList<>();
            for (int day = 0; day < logs; day++) {
                MemoryPath path = MemoryPath.dailyLog(today.minusDays(day));
                pending.add(writers.submit(() -> installation.stores().memory().write(agent, path,
                        "# " + path.day().orElseThrow() + "\n\n- 09:00:00Z ran hello: relay receipt #1\n",
                        new WriteCondition.Unconditional())));
            }
            Instant newest = installation.clock().instant();
            for (int from = 0; from < rows; from += 25) {
                int first = from;
                int count = Math.min(25, rows - from);
                pending.add(writers.submit(() -> writeRows(agent, newest, first, count)));
            }
            for (Future<?> write : pending) {
                write.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not seed the history of " + agent + ": " + e.getMessage(), e);
        }
        recorder.clear();
        return agent;
    }

    /** Chat rows in {@code DynamoDbChatLog}'s item shape, 25 to a BatchWriteItem, the newest at {@code newest}. */
    private void writeRows(AgentId agent, Instant newest, int first, int count) {
        String table = installation.names().nameOf(StoreRole.MESSAGES_TABLE);
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            RowId id = RowId.of(newest.minusSeconds(60L * i), String.format("seed%08d", i));
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    StorePlan.MESSAGES_PARTITION_KEY, AttributeValue.fromS(agent.value()),
                    StorePlan.MESSAGES_SORT_KEY, AttributeValue.fromS(id.value()),
                    "role", AttributeValue.fromS(i % 2 == 0 ? "USER" : "ASSISTANT"),
                    "channel", AttributeValue.fromS("telegram"),
                    "content", AttributeValue.fromS("message " + i + " about the garden plan and the week ahead")))
                    .build()).build());
        }
        Map<String, List<WriteRequest>> unprocessed = Map.of(table, puts);
        while (!unprocessed.isEmpty()) {
            unprocessed = installation.clients().dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(table,
                    puts))).unprocessedItems();
            if (!unprocessed.isEmpty()) {
                puts.clear();
                puts.addAll(unprocessed.get(table));
            }
        }
    }
}
