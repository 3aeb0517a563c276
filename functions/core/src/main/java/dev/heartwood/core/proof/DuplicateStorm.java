package dev.heartwood.core.proof;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import dev.heartwood.core.webhook.AnswerWebhook;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import dev.heartwood.core.webhook.WebhookScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same event 2 to 10 times, all at once and then one after another: a heartbeat event (as a
 * redelivered SQS record or a retried schedule), a relay message posted again, a webhook a sender
 * retries (through API Gateway, so each delivery has a request id of its own; HMAC with and
 * without a delivery header, and Telegram), and a chat row with a channel delivery id. Counts the
 * effects that happened more than once.
 */
final class DuplicateStorm {

    private static final Instant START = Instant.parse("2026-04-06T08:00:00Z");

    private final ProofSite site;
    private final Rehearsal rehearsal;
    private final AtomicInteger runs = new AtomicInteger();

    DuplicateStorm(ProofSite site, Rehearsal rehearsal) {
        this.site = site;
        this.rehearsal = rehearsal;
    }

    ProofReport.Line run(List<Long> seeds, List<String> failures) {
        int events = 0;
        int deliveries = 0;
        int duplicates = 0;
        int modelCalls = 0;
        int turns = 0;
        for (long seed : seeds) {
            int copies = 2 + new SplittableRandom(seed).nextInt(9);
            Storm storm = storm(seed, copies);
            events += storm.events;
            deliveries += storm.deliveries;
            duplicates += storm.duplicates.size();
            modelCalls += storm.modelCalls;
            turns += storm.turns;
            storm.duplicates.forEach(d -> failures.add("seed " + seed + ", duplicate storm ×" + copies + ": " + d
                    + " — reproduce: heartwood proof --seed " + seed));
        }
        return new ProofReport.Line("duplicate storm", duplicates == 0, events + " events delivered " + deliveries
                + " times (2-10 copies each, concurrently and in sequence): duplicate effects " + duplicates
                + "; the model was asked " + modelCalls + " times for " + turns + " distinct webhook turns");
    }

    private static final class Storm {
        int events;
        int deliveries;
        int modelCalls;
        int turns;
        final List<String> duplicates = new ArrayList<>();
    }

    private Storm storm(long seed, int copies) {
        Storm storm = new Storm();
        int n = runs.incrementAndGet();
        AgentId agent = AgentId.of("storm-" + n + "-agent");
        AgentId peer = AgentId.of("storm-" + n + "-peer");
        rehearsal.moveClockTo(START.plus(Duration.ofDays(n)));
        rehearsal.create(agent);
        rehearsal.create(peer);
        Instant start = site.clock().instant();
        String heartbeat = "# Heartbeat\n\n## Periodic checks\n\n"
                + "- **post** relay.post `storm post` — every 15m, catch-up all (max 1d)\n  - last: " + start.minus(Duration.ofMinutes(15)) + " done\n"
                + "- **inbox** relay.inbox — every 15m, catch-up all (max 1d)\n  - last: " + start.minus(Duration.ofMinutes(15)) + " done\n"
                + "\n## Next actions\n";
        EchoModel model = new EchoModel();
        UseCases useCases = new UseCases(site.stores(), RuntimeSettings.DEFAULT, model, site.clock());
        useCases.writeMemory(Redactor.standard()).run(agent, MemoryPath.HEARTBEAT, heartbeat, new WriteCondition.Unconditional());
        Map<String, Integer> done = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            rehearsal.moveClockTo(start.plus(Duration.ofMinutes(15L * round)));
            String messageId = "storm-" + round;
            String text = "storm message " + round;
            storm.events++;
            storm.deliveries += 2 * copies;
            // Both the peer's resends and the heartbeats themselves, all at once and then in a row.
            both(copies, () -> {
                rehearsal.say(peer, agent, messageId, text);
                return null;
            });
            storm.events++;
            storm.deliveries += 2 * copies;
            for (Object outcome : both(copies, () -> useCases.runHeartbeat(Redactor.standard(), site.relay(),
                    site.relayBase(), "storm-" + Thread.currentThread().threadId()).run(agent))) {
                if (outcome instanceof HeartbeatOutcome.Done d) {
                    done.merge(d.task() + "@" + d.slot(), 1, Integer::sum);
                } else if (outcome instanceof HeartbeatOutcome.Resumed r) {
                    done.merge(r.task() + "@" + r.slot(), 1, Integer::sum);
                } else if (outcome instanceof RuntimeException failed) {
                    storm.duplicates.add("a heartbeat failed: " + failed);
                }
            }
        }
        done.forEach((slot, times) -> {
            if (times > 1) {
                storm.duplicates.add(slot + " ran " + times + " times");
            }
        });
        rehearsal.moveClockTo(start.plus(Duration.ofMinutes(50)));
        webhooks(agent, copies, useCases, model, storm);
        ChatRow first = new AppendChat(site.stores().chat(), Redactor.standard()).run(agent,
                new NewChatRow(ChatRole.USER, "telegram", "one chat row", "tg-storm-" + seed));
        storm.events++;
        storm.deliveries += 2 * copies + 1;
        both(copies, () -> new AppendChat(site.stores().chat(), Redactor.standard()).run(agent,
                new NewChatRow(ChatRole.USER, "telegram", "one chat row", "tg-storm-" + seed)));
        FinalState state = FinalState.read(site.stores(), site.deliveredBodies(), agent, peer);
        if (state.duplicates() > 0) {
            storm.duplicates.add(state.duplicates() + " duplicate relay deliveries or chat rows (first row "
                    + first.id() + ")");
        }
        storm.modelCalls += model.calls();
        return storm;
    }

    /** A sender retrying one webhook: HMAC with a delivery header, HMAC without one, Telegram. */
    private void webhooks(AgentId agent, int copies, UseCases useCases, EchoModel model, Storm storm) {
        long now = site.clock().instant().getEpochSecond();
        AnswerWebhook hmac = new AnswerWebhook(WebhookAuthenticator.of(Webhooks.CHANNEL,
                WebhookScheme.hmacSha256(Webhooks.SECRET), site.clock()), useCases.takeTurn(Redactor.standard()));
        AnswerWebhook telegram = new AnswerWebhook(WebhookAuthenticator.of("telegram",
                WebhookScheme.telegramSecretToken(Webhooks.TELEGRAM_TOKEN), site.clock()), useCases.takeTurn(Redactor.standard()));
        String withHeader = Webhooks.turn("storm turn with a delivery header");
        Map<String, String> headers = new HashMap<>(Webhooks.signed(Webhooks.SECRET, now, withHeader));
        headers.put("x-heartwood-delivery", "dlv-storm-1");
        String withoutHeader = Webhooks.turn("storm turn without a delivery header");
        Map<String, String> bare = Webhooks.signed(Webhooks.SECRET, now, withoutHeader);
        String update = Webhooks.telegramUpdate(900_000 + runs.get(), "storm turn from telegram");
        AtomicInteger requestIds = new AtomicInteger();
        for (var delivery : List.<Callable<Object>>of(
                () -> hmac.run(Webhooks.event(agent, headers, withHeader, "rid-" + requestIds.incrementAndGet())),
                () -> hmac.run(Webhooks.event(agent, bare, withoutHeader, "rid-" + requestIds.incrementAndGet())),
                () -> telegram.run(Webhooks.event(agent, Map.of("x-telegram-bot-api-secret-token", Webhooks.TELEGRAM_TOKEN),
                        update, "rid-" + requestIds.incrementAndGet())))) {
            storm.events++;
            storm.turns++;
            storm.deliveries += 2 * copies;
            for (Object answer : both(copies, delivery)) {
                if (!(answer instanceof AnswerWebhook.Answer a) || a.status() != 200) {
                    storm.duplicates.add("a webhook delivery was not answered 200: " + answer);
                }
            }
        }
    }

    /** Runs {@code call} {@code copies} times at once, then {@code copies} times in a row; results or failures. */
    private static List<Object> both(int copies, Callable<Object> call) {
        List<Object> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(copies)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            for (Future<Object> future : futures) {
                results.add(outcome(future));
            }
        }
        for (int i = 0; i < copies; i++) {
            try {
                results.add(call.call());
            } catch (Exception failed) {
                results.add(failed instanceof RuntimeException r ? r : new IllegalStateException(failed));
            }
        }
        return results;
    }

    private static Object outcome(Future<Object> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

}
