package dev.heartwood.bench;

import dev.heartwood.aws.AwsClients;
import dev.heartwood.aws.SecretsManagerKeyVault;
import dev.heartwood.core.heartbeat.Due;
import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.PlanHeartbeat;
import dev.heartwood.core.heartbeat.RelayOutboxSender;
import dev.heartwood.core.heartbeat.task.RelayPostTask;
import dev.heartwood.core.heartbeat.task.TaskRun;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.MemoryFile;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import dev.heartwood.core.runtime.RuntimeSettings;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The same heartbeat as {@code RunHeartbeat} for a due {@code relay.post} task, written the way
 * one would without the design: every step waits for the one before, the whole context of the
 * design's read wave (identity files, MEMORY.md, HEARTBEAT.md, today's and yesterday's logs, the
 * chat summary, the newest 50 chat rows, the open journal entries) is read one request at a time,
 * and the agent's key is fetched from Secrets Manager at every heartbeat (no cache survives
 * between invocations). Same stores, same effects: lease, journal and outbox, signed post, journal
 * done, daily log line, HEARTBEAT.md {@code last:}, release. It exists only to be measured against.
 */
final class NaiveHeartbeat {

    private static final RelayPostTask POST = new RelayPostTask();

    private final AwsClients clients;
    private final String prefix;
    private final AgentStores stores;
    private final Relay relay;
    private final URI relayBase;
    private final Clock clock;
    private final PlanHeartbeat planning = new PlanHeartbeat(Set.of(POST.kind()));
    private final AppendDailyLog dailyLog;

    NaiveHeartbeat(AwsClients clients, String prefix, AgentStores stores, Relay relay, URI relayBase, Clock clock) {
        this.clients = clients;
        this.prefix = prefix;
        this.stores = stores;
        this.relay = relay;
        this.relayBase = relayBase;
        this.clock = clock;
        this.dailyLog = new AppendDailyLog(stores.memory(), RuntimeSettings.DEFAULT.redactor(), RuntimeSettings.DEFAULT.limits(),
                clock);
    }

    HeartbeatOutcome run(AgentId agent) {
        Optional<Lease> lease = stores.leases().acquire(agent, "naive", RuntimeSettings.DEFAULT.leaseTtl());
        if (lease.isEmpty()) {
            return new HeartbeatOutcome.Busy();
        }
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<MemoryPath> files = new ArrayList<>(MemoryPath.IDENTITY_FILES);
            files.addAll(List.of(MemoryPath.MEMORY, MemoryPath.HEARTBEAT, MemoryPath.dailyLog(today),
                    MemoryPath.dailyLog(today.minusDays(1)), MemoryPath.CHAT_SUMMARY));
            Optional<MemoryFile> heartbeat = Optional.empty();
            for (MemoryPath path : files) {
                Optional<MemoryFile> file = stores.memory().read(agent, path);
                if (path.equals(MemoryPath.HEARTBEAT)) {
                    heartbeat = file;
                }
            }
            stores.chat().newest(agent, RuntimeSettings.DEFAULT.budget().chatRows());
            if (!stores.journal().open(agent).isEmpty() || heartbeat.isEmpty()) {
                return new HeartbeatOutcome.NothingDue();
            }
            Optional<Due> due = planning.next(agent, heartbeat.get().content(), clock.instant());
            if (due.isEmpty() || due.get().runnable().isEmpty()) {
                return new HeartbeatOutcome.NothingDue();
            }
            TaskRun run = due.get().runnable().get();
            OutboxMessage message = OutboxMessage.pending(agent, run.messageId(), POST.prepare(run).orElseThrow());
            JournalEntry entry = JournalEntry.started(agent, run.task(), run.slot(), lease.get().fencingToken(), clock.instant());
            stores.journal().start(entry, Optional.of(message));
            // A fresh vault per heartbeat: what a function that keeps nothing between invocations does.
            var vault = new SecretsManagerKeyVault(clients, prefix);
            Receipt receipt = new RelayOutboxSender(vault, relay, relayBase, clock).send(message);
            String note = "relay receipt #" + receipt.sequence();
            stores.journal().finish(entry.finished(JournalEntry.Status.DONE, note),
                    Optional.of(new OutboxMessage(agent, message.id(), message.body(), true, receipt.sequence())));
            dailyLog.run(agent, "ran " + run.task() + " slot " + run.slot() + ": " + note);
            stores.memory().write(agent, MemoryPath.HEARTBEAT,
                    planning.recordRun(heartbeat.get().content(), run.task(), run.slot(), "done", note),
                    new WriteCondition.IfUnchanged(heartbeat.get().version()));
            return new HeartbeatOutcome.Done(run.task(), run.slot(), note);
        } finally {
            stores.leases().release(lease.get());
        }
    }
}
