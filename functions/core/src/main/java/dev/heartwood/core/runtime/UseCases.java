package dev.heartwood.core.runtime;

import dev.heartwood.core.heartbeat.PlanHeartbeat;
import dev.heartwood.core.heartbeat.RelayOutboxSender;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.heartbeat.TakeTurn;
import dev.heartwood.core.heartbeat.task.HttpCheckTask;
import dev.heartwood.core.heartbeat.task.MemoryAuditTask;
import dev.heartwood.core.heartbeat.task.MemoryCompactTask;
import dev.heartwood.core.heartbeat.task.ModelPromptTask;
import dev.heartwood.core.heartbeat.task.RelayInboxTask;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.heartbeat.task.TaskExecutor;
import dev.heartwood.core.memory.AppendChat;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.memory.ChatSummarizer;
import dev.heartwood.core.memory.CompactChat;
import dev.heartwood.core.memory.WriteMemory;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRequests;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds the use cases from one installation's stores. The CLI, the Lambda functions and the
 * drill all go through here, so a heartbeat is the same heartbeat whichever door started it.
 */
public final class UseCases {

    static final Duration HTTP_CHECK_TIMEOUT = Duration.ofSeconds(10);
    static final Duration NOTE_ROT_AGE = Duration.ofDays(30);

    private final AgentStores stores;
    private final RuntimeSettings settings;
    private final ModelClient model;
    private final Clock clock;

    public UseCases(AgentStores stores, RuntimeSettings settings, ModelClient model, Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AgentStores stores() {
        return stores;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /**
     * One heartbeat: lease and journal in the control store, the HEARTBEAT.md plan, every task
     * executor, and posts signed with the agent's key through {@code relay}.
     *
     * @param owner names this process in the lease, for whoever finds it held
     */
    public RunHeartbeat runHeartbeat(Redactor redactor, Relay relay, URI relayBase, String owner) {
        AppendDailyLog dailyLog = dailyLog(redactor);
        List<TaskExecutor> executors = new java.util.ArrayList<>(executors(dailyLog));
        executors.add(new RelayInboxTask(relay, new RelayRequests(stores.keys(), relayBase, clock), appendChat(redactor),
                stores.chat()));
        return new RunHeartbeat(stores.leases(), stores.journal(), stores.memory(),
                new PlanHeartbeat(executors.stream().map(TaskExecutor::kind).collect(Collectors.toSet())), executors,
                new RelayOutboxSender(stores.keys(), relay, relayBase, clock), dailyLog, clock, settings.leaseTtl(),
                owner);
    }

    /** One conversational turn: the user's row, the rebuilt context, the model's answer as the assistant's row. */
    public TakeTurn takeTurn(Redactor redactor) {
        return new TakeTurn(appendChat(redactor), stores.chat(), buildContext(), model, settings.modelMaxTokens());
    }

    public WriteMemory writeMemory(Redactor redactor) {
        return new WriteMemory(stores.memory(), redactor, settings.limits(), clock);
    }

    public AppendChat appendChat(Redactor redactor) {
        return new AppendChat(stores.chat(), redactor);
    }

    public CompactChat compactChat(Redactor redactor) {
        return new CompactChat(stores.chat(), stores.memory(), dailyLog(redactor), ChatSummarizer.extractive(),
                settings.budget().chatRows());
    }

    public BuildContext buildContext() {
        return new BuildContext(stores.memory(), stores.chat(), clock, settings.budget());
    }

    private AppendDailyLog dailyLog(Redactor redactor) {
        return new AppendDailyLog(stores.memory(), redactor, settings.limits(), clock);
    }

    private List<TaskExecutor> executors(AppendDailyLog dailyLog) {
        return List.of(
                new RelayPostTask(),
                new HttpCheckTask(HTTP_CHECK_TIMEOUT),
                new MemoryCompactTask(new CompactChat(stores.chat(), stores.memory(), dailyLog,
                        ChatSummarizer.extractive(), settings.budget().chatRows())),
                new MemoryAuditTask(stores.memory(), clock, NOTE_ROT_AGE),
                new ModelPromptTask(model, buildContext(), dailyLog, settings.modelMaxTokens()));
    }
}
