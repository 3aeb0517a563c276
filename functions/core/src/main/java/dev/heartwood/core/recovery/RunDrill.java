package dev.heartwood.core.recovery;

import dev.heartwood.core.heartbeat.HeartbeatOutcome;
import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.RunHeartbeat;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.InitAgent;
import dev.heartwood.core.identity.transfer.AgeKeyPair;
import dev.heartwood.core.identity.transfer.ExportKey;
import dev.heartwood.core.identity.transfer.ImportKey;
import dev.heartwood.core.memory.ChatRole;
import dev.heartwood.core.memory.MemoryPath;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.SeedMemory;
import dev.heartwood.core.memory.WriteCondition;
import dev.heartwood.core.memory.redaction.Finding;
import dev.heartwood.core.memory.redaction.Redactor;
import dev.heartwood.core.memory.redaction.SecretType;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.RuntimeSettings;
import dev.heartwood.core.runtime.UseCases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The migration test as one use case: an agent lives in installation A, is backed up, A is
 * destroyed, the agent is restored into installation B, and B's next heartbeats carry on its work
 * with no human input. Every promise is a check in the report.
 *
 * <p>The scenario: two tasks are due, {@code hello} (every 30 minutes) and {@code digest}
 * (hourly). A's first heartbeat posts hello; its second decides on digest and journals it, but
 * the relay is unreachable, so digest is left pending — the work a crash would leave. The backup
 * is taken then. In B, the first heartbeat must resume digest with the message id A journaled,
 * and the next one, half an hour on, must post hello's next slot: proactive work, unprompted.
 */
public final class RunDrill {

    static final String HEARTBEAT_MD = """
            # Heartbeat

            The drill agent's tasks; the agent writes its last runs back into this file.

            ## Periodic checks

            - **hello** relay.post `good morning from the drill` — every 30m
            - **digest** relay.post `hourly digest: all systems nominal` — hourly

            ## Next actions
            """;

    private final DrillSite a;
    private final DrillSite b;
    private final WatchedRelay relay;
    private final URI relayBase;
    private final BackupStore backups;
    private final DrillClock clock;
    private final Consumer<String> progress;
    private final List<String> logLines = new ArrayList<>();

    /**
     * @param relay the relay both installations speak to (outside both, like the real one)
     * @param backups where the backup goes: outside A, since A is destroyed
     * @param progress receives a line as each step starts
     */
    public RunDrill(DrillSite a, DrillSite b, Relay relay, URI relayBase, BackupStore backups, DrillClock clock,
            Consumer<String> progress) {
        this.a = Objects.requireNonNull(a, "a");
        this.b = Objects.requireNonNull(b, "b");
        this.relay = new WatchedRelay(Objects.requireNonNull(relay, "relay"));
        this.relayBase = Objects.requireNonNull(relayBase, "relayBase");
        this.backups = Objects.requireNonNull(backups, "backups");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public DrillReport run(AgentId agent) {
        List<DrillReport.Check> checks = new ArrayList<>();
        AgeKeyPair backupKey = AgeKeyPair.generate();
        AgeKeyPair transferKey = AgeKeyPair.generate();

        step("1/5 create agent " + agent + " in " + a.stores().description());
        new InitAgent(a.stores().keys(), a.stores().keyLogs(), relay, clock).run(agent);
        AgentPublicKey key = currentKey(a, agent);
        UseCases useA = useCases(a);
        new SeedMemory(a.stores().memory()).run(agent);
        Redactor redactor = Redactor.standard();
        useA.writeMemory(redactor).run(agent, MemoryPath.USER, "# User\n\nAda. Prefers short morning notes.\n",
                new WriteCondition.Unconditional());
        useA.writeMemory(redactor).run(agent, MemoryPath.MEMORY, "# Memory\n\n- The migration drill started at "
                + clock.instant() + "; the digest must survive it.\n", new WriteCondition.Unconditional());
        useA.writeMemory(redactor).run(agent, MemoryPath.HEARTBEAT, HEARTBEAT_MD, new WriteCondition.Unconditional());
        useA.appendChat(redactor).run(agent, NewChatRow.of(ChatRole.USER, "web", "Good morning! Keep the digest going."));
        useA.appendChat(redactor).run(agent, NewChatRow.of(ChatRole.ASSISTANT, "web", "Will do: hourly, signed."));
        useA.appendChat(redactor).run(agent, new NewChatRow(ChatRole.USER, "telegram", "Thanks.", "tg-update-1001"));
        HeartbeatOutcome first = heartbeat(useA, "drill-a", agent);
        relay.unreachable = true;
        HeartbeatOutcome second = heartbeat(useA, "drill-a", agent);
        relay.unreachable = false;
        List<Journal.OpenEntry> pendingInA = a.stores().journal().open(agent);
        checks.add(check("A ran its due task and left one pending", first instanceof HeartbeatOutcome.Done
                && second instanceof HeartbeatOutcome.Failed && pendingInA.size() == 1,
                "first: " + describe(first) + "; second: " + describe(second)));

        step("2/5 back up (hot tier) to " + backups.describe());
        AgentSnapshot before = AgentSnapshot.read(a.stores(), agent);
        RunBackup.Result backup = new RunBackup(a.stores(), backups, List.of(backupKey.recipient()), Redactor.standard(),
                RunBackup.Retention.DEFAULT, clock).run(agent, BackupTier.HOT);
        byte[] export = new ExportKey(a.stores().keys(), clock).run(agent, List.of(transferKey.recipient()));
        byte[] manifestFile = backups.read(backup.manifestName()).orElseThrow();
        byte[] archive = backups.read(backup.archiveName()).orElseThrow();
        OpenedBackup reopened = BackupArchive.open(manifestFile, archive, TrustedSigners.keys(agent, List.of(key)),
                backupKey.identity());
        checks.add(check("backup written, reopened and equal to A", reopened.entries().equals(before.entries()),
                backup.archiveName() + ", " + backup.archiveBytes() + " bytes, " + reopened.entries().size() + " entries"));

        step("3/5 destroy A");
        String destroyed = a.destroy().get();
        checks.add(check("A destroyed", isGone(a, agent), destroyed));

        step("4/5 restore into " + b.stores().description() + " and import the key");
        new ImportKey(b.stores().keys()).run(agent, export, transferKey.identity());
        RestoreAgent.Result restored = new RestoreAgent(b.stores(), relay).run(manifestFile, archive,
                TrustedSigners.keys(agent, List.of(key)), backupKey.identity());
        AgentSnapshot after = AgentSnapshot.read(b.stores(), agent);
        AgentPublicKey keyInB = currentKey(b, agent);
        checks.add(check("same public key and did:key", key.equals(keyInB), keyInB.did()));
        checks.add(check("memory Merkle root equal", before.memoryRoot().equals(after.memoryRoot()),
                before.memory().size() + " files, root " + shortHash(after.memoryRoot())));
        checks.add(check("chat history equal", before.chatDigest().equals(after.chatDigest()),
                after.chat().size() + " rows, sha256 " + shortHash(after.chatDigest())));

        step("5/5 next heartbeats in B, no human input");
        int registrationsBefore = relay.registrations.get();
        clock.advance(Duration.ofMinutes(5));
        UseCases useB = useCases(b);
        HeartbeatOutcome resumed = heartbeat(useB, "drill-b", agent);
        clock.advance(Duration.ofMinutes(25));
        HeartbeatOutcome next = heartbeat(useB, "drill-b", agent);
        String pendingId = pendingInA.isEmpty() ? "none" : pendingInA.get(0).entry().messageId().value();
        Optional<Receipt> pendingReceipt = relay.receipts(agent).orElse(List.of()).stream()
                .filter(r -> r.messageId().equals(pendingId)).findFirst();
        checks.add(check("pending task resumed unprompted, same message id",
                resumed instanceof HeartbeatOutcome.Resumed && pendingReceipt.isPresent(),
                describe(resumed) + (pendingReceipt.isPresent() ? "; relay receipt #" + pendingReceipt.get().sequence() : "")));
        checks.add(check("relay accepted B's signed message without re-registration",
                pendingReceipt.filter(r -> r.keyId().equals(key.did())).isPresent()
                        && relay.registrations.get() == registrationsBefore,
                "signed by " + pendingReceipt.map(Receipt::keyId).orElse("nobody") + ", registrations in B: "
                        + (relay.registrations.get() - registrationsBefore)));
        checks.add(check("proactive work goes on", next instanceof HeartbeatOutcome.Done, describe(next)));
        checks.add(check("zero messages re-sent", relay.repeats.get() == 0, relay.posts.get() + " posts, "
                + relay.repeats.get() + " answered with an earlier receipt; " + restored.alreadySent()
                + " known sent from the backup's journal"));
        checks.add(check("no private key material in the backup, the stores or the logs",
                noKeyMaterial(agent, manifestFile, archive, backupKey, after), "scanned the decrypted archive, the"
                        + " manifest, B's memory, chat and journal, and the drill's log lines"));
        DrillReport report = new DrillReport(checks);
        report.checks().forEach(c -> logLines.add(c.toString()));
        return report;
    }

    private UseCases useCases(DrillSite site) {
        return new UseCases(site.stores(), RuntimeSettings.DEFAULT, ModelClient.none(), clock);
    }

    private HeartbeatOutcome heartbeat(UseCases site, String owner, AgentId agent) {
        RunHeartbeat heartbeat = site.runHeartbeat(Redactor.standard(), relay, relayBase, owner);
        HeartbeatOutcome outcome = heartbeat.run(agent);
        step("   heartbeat at " + clock.instant() + ": " + describe(outcome));
        return outcome;
    }

    private boolean noKeyMaterial(AgentId agent, byte[] manifestFile, byte[] archive, AgeKeyPair backupKey,
            AgentSnapshot after) {
        AgentKey key = currentAgentKey(agent);
        try {
            Redactor scanner = Redactor.standard().withAgentKey(key);
            List<String> texts = new ArrayList<>();
            texts.add(new String(manifestFile, StandardCharsets.UTF_8));
            OpenedBackup opened = BackupArchive.open(manifestFile, archive,
                    TrustedSigners.keys(agent, List.of(key.publicKey())), backupKey.identity());
            opened.entries().forEach(e -> texts.add(new String(e.content(), StandardCharsets.UTF_8)));
            after.entries().forEach(e -> texts.add(new String(e.content(), StandardCharsets.UTF_8)));
            AgentSnapshot.read(b.stores(), agent).entries().forEach(e -> texts.add(new String(e.content(), StandardCharsets.UTF_8)));
            texts.addAll(logLines);
            return texts.stream().flatMap(t -> scanner.redact(t).findings().stream()).map(Finding::type)
                    .noneMatch(type -> type == SecretType.CANARY || type == SecretType.PRIVATE_KEY);
        } finally {
            key.destroy();
        }
    }

    /** Nothing of the agent can be read from the site any more: its stores are empty, or gone altogether. */
    private static boolean isGone(DrillSite site, AgentId agent) {
        try {
            return AgentSnapshot.read(site.stores(), agent).isEmpty() && site.stores().keys().current(agent).isEmpty();
        } catch (RuntimeException storesGone) {
            return true;
        }
    }

    private AgentKey currentAgentKey(AgentId agent) {
        return b.stores().keys().current(agent).orElseThrow(() -> new BackupException("agent " + agent
                + " has no key in " + b.stores().description() + " after the import"));
    }

    private AgentPublicKey currentKey(DrillSite site, AgentId agent) {
        AgentKey key = site.stores().keys().current(agent).orElseThrow(() -> new BackupException("agent " + agent
                + " has no key in " + site.stores().description()));
        try {
            return key.publicKey();
        } finally {
            key.destroy();
        }
    }

    private void step(String line) {
        logLines.add(line);
        progress.accept(line);
    }

    private static DrillReport.Check check(String name, boolean passed, String detail) {
        return new DrillReport.Check(name, passed, detail);
    }

    private static String describe(HeartbeatOutcome outcome) {
        return switch (outcome) {
            case HeartbeatOutcome.Done done -> "done " + done.task() + " slot " + done.slot();
            case HeartbeatOutcome.Resumed resumed -> "resumed " + resumed.task() + " slot " + resumed.slot();
            case HeartbeatOutcome.Skipped skipped -> "skipped " + skipped.task() + ": " + skipped.reason();
            case HeartbeatOutcome.Busy busy -> "busy";
            case HeartbeatOutcome.NothingDue nothing -> "nothing due";
            case HeartbeatOutcome.Failed failed -> "failed: " + failed.reason();
        };
    }

    private static String shortHash(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
    }
}
