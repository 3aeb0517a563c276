package dev.heartwood.aws;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyVault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Several containers rotating one agent's key from the same current key at the same moment, each
 * with a vault instance of its own: the outcome of each, in order.
 */
final class RotationRace {

    /** The key a contender tried to make current, and what its rotate threw (null: it won). */
    record Attempt(AgentKey next, Throwable failure) {
    }

    private RotationRace() {
    }

    static List<Attempt> run(Supplier<KeyVault> newVault, AgentId agent, AgentPublicKey expected, int contenders)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<AgentKey> nexts = new ArrayList<>();
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                AgentKey next = AgentKey.generate();
                KeyVault vault = newVault.get();
                nexts.add(next);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        vault.rotate(agent, expected, next);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Attempt> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                attempts.add(new Attempt(nexts.get(i), results.get(i).get(60, TimeUnit.SECONDS)));
            }
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }
}
