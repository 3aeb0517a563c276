package dev.heartwood.lambda;

import dev.heartwood.core.dispatch.DispatchDueAgents;
import dev.heartwood.core.dispatch.InMemoryDueIndex;
import dev.heartwood.core.dispatch.InMemoryHeartbeatQueue;
import dev.heartwood.core.heartbeat.InMemoryJournal;
import dev.heartwood.core.heartbeat.InMemoryLeaseStore;
import dev.heartwood.core.heartbeat.OutboxSender;
import dev.heartwood.core.heartbeat.PlanHeartbeat;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ContextBudget;
import dev.heartwood.core.memory.InMemoryChatLog;
import dev.heartwood.core.memory.InMemoryMemoryStore;
import dev.heartwood.core.memory.MemoryLimits;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.webhook.AnswerWebhook;
import dev.heartwood.core.webhook.WebhookAuthenticator;
import dev.heartwood.core.webhook.WebhookScheme;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replaces LambdaWiring's use cases with the same use cases on in-memory fakes: handler tests need no AWS.
 * RunBackup, which needs key files, is BackupWiring's.
 * Singleton, not application-scoped: tests read its fields, and a client proxy would hide them.
 */
@Singleton
class InMemoryWiring {

    static final Instant NOW = Instant.parse("2026-11-22T09:10:00Z");
    static final byte[] SECRET = "a-shared-secret-of-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    static final String ANSWER = "Nothing odd: all sensors in range.";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryMemoryStore memory = new InMemoryMemoryStore();
    final InMemoryJournal journal = new InMemoryJournal();
    final InMemoryChatLog chat = new InMemoryChatLog(clock);
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger asked = new AtomicInteger();
    final InMemoryDueIndex roster = new InMemoryDueIndex(4);
    final InMemoryHeartbeatQueue queue = new InMemoryHeartbeatQueue();
    private final AtomicInteger ticks = new AtomicInteger();

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    RunHeartbeat runHeartbeat() {
        OutboxSender relay = message -> new Receipt(message.agent(), message.id().value(), sent.incrementAndGet(),
                NOW, "did:key:test");
        return new RunHeartbeat(new InMemoryLeaseStore(clock), journal, memory, new PlanHeartbeat(Set.of("relay.post")),
                List.of(new RelayPostTask()), relay,
                new AppendDailyLog(memory, Redactor.standard(), MemoryLimits.DEFAULT, clock), clock,
                Duration.ofMinutes(5), "test");
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    AnswerWebhook answerWebhook() {
        ModelClient model = request -> {
            asked.incrementAndGet();
            return new ModelReply(ANSWER, "m", 1, 1, "end_turn");
        };
        return new AnswerWebhook(WebhookAuthenticator.of("telegram", WebhookScheme.hmacSha256(SECRET), clock),
                new TakeTurn(new AppendChat(chat, Redactor.standard()), chat,
                        new BuildContext(memory, chat, clock, ContextBudget.DEFAULT), model, 256));
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    DispatchDueAgents dispatchDueAgents() {
        return new DispatchDueAgents(roster, queue, () -> "dispatch-" + ticks.incrementAndGet());
    }
}
