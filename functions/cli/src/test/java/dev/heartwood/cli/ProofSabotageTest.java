package dev.heartwood.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.heartbeat.Journal;
import dev.heartwood.core.heartbeat.JournalEntry;
import dev.heartwood.core.heartbeat.Lease;
import dev.heartwood.core.heartbeat.LeaseStore;
import dev.heartwood.core.heartbeat.OutboxMessage;
import dev.heartwood.core.heartbeat.TaskId;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.memory.ChatLog;
import dev.heartwood.core.memory.ChatRow;
import dev.heartwood.core.memory.NewChatRow;
import dev.heartwood.core.memory.RowId;
import dev.heartwood.core.proof.Boundary;
import dev.heartwood.core.proof.ProofReport;
import dev.heartwood.core.proof.ProofSite;
import dev.heartwood.core.proof.RunProof;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRequests;
import dev.heartwood.core.runtime.AgentStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof must be able to fail: each case breaks one promise of one store on purpose, and the
 * scenario that guards that promise must turn red with a non-zero figure.
 */
class ProofSabotageTest {

    @TempDir
    Path dir;

    record Sabotage(String name, UnaryOperator<ProofSite> breaking, List<Boundary> boundaries, String scenario,
            List<String> figures) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sabotage> sabotages() {
        return List.of(
                new Sabotage("a journal that forgets outcomes", site -> withStores(site, s -> new AgentStores(s.description(),
                        s.memory(), s.chat(), s.leases(), new ForgetfulJournal(s.journal()), s.keys(), s.keyLogs())),
                        List.of(Boundary.RELAY_POST), "crash at every step (thrown fault)",
                        List.of("stuck in progress", "lost acknowledged writes")),
                new Sabotage("a relay that delivers a resent message again", site -> new ProofSite(site.description(),
                        site.stores(), new ForgetfulRelay(site.relay(), new RelayRequests(site.stores().keys(), site.relayBase(),
                        site.clock())), site.relayBase(), site.deliveredBodies(),
                        site.backups(), site.emptyInstallation(), site.clock()),
                        List.of(Boundary.RELAY_POST), "crash at every step (thrown fault)", List.of("duplicate deliveries")),
                new Sabotage("a lease anyone can take", site -> withStores(site, s -> new AgentStores(s.description(),
                        s.memory(), s.chat(), new OpenLeases(site.clock()), s.journal(), s.keys(), s.keyLogs())),
                        List.of(), "timeout", List.of("runs let in while the lease was live")),
                new Sabotage("a chat log that ignores delivery ids", site -> withStores(site, s -> new AgentStores(s.description(),
                        s.memory(), new CarelessChat(s.chat()), s.leases(), s.journal(), s.keys(), s.keyLogs())),
                        List.of(), "duplicate storm", List.of("duplicate effects")));
    }

    @ParameterizedTest(name = "{0} fails {3}")
    @MethodSource("sabotages")
    void proof_whenAStoreBreaksItsPromise_turnsTheScenarioRed(Sabotage sabotage) {
        ProofSite site = sabotage.breaking().apply(ProofSites.embedded(dir, new DrillClock(Instant.now())));

        ProofReport report = new RunProof(site, line -> { }).run(new RunProof.Command(List.of(1L), sabotage.boundaries(),
                1, Map.of("truncated.json", "{\"agentId\": \"agent-7f3a\", \"sched"), List.of()));

        ProofReport.Line line = report.lines().stream().filter(l -> l.scenario().equals(sabotage.scenario())).findFirst()
                .orElseThrow();
        assertThat(line.passed()).as(line.toString()).isFalse();
        for (String name : sabotage.figures()) {
            Matcher figure = Pattern.compile(Pattern.quote(name) + " (\\d+)").matcher(line.figures());
            assertThat(figure.find()).as(line.toString()).isTrue();
            assertThat(Integer.parseInt(figure.group(1))).as(name + " in " + line).isPositive();
        }
        assertThat(report.failures()).anyMatch(f -> f.contains("reproduce: heartwood proof"));
        assertThat(report.passed()).isFalse();
    }

    private static ProofSite withStores(ProofSite site, UnaryOperator<AgentStores> replace) {
        return new ProofSite(site.description(), replace.apply(site.stores()), site.relay(), site.relayBase(),
                site.deliveredBodies(), site.backups(), site.emptyInstallation(), site.clock());
    }

    /** Says yes to every finish and writes nothing. */
    private record ForgetfulJournal(Journal journal) implements Journal {
        @Override
        public List<OpenEntry> open(AgentId agent) {
            return journal.open(agent);
        }

        @Override
        public Optional<JournalEntry> find(AgentId agent, TaskId task, Instant slot) {
            return journal.find(agent, task, slot);
        }

        @Override
        public void start(JournalEntry entry, Optional<OutboxMessage> message) {
            journal.start(entry, message);
        }

        @Override
        public JournalEntry claim(JournalEntry entry, long fencingToken) {
            return journal.claim(entry, fencingToken);
        }

        @Override
        public void finish(JournalEntry finished, Optional<OutboxMessage> sent) {
            // forgotten
        }

        @Override
        public List<OpenEntry> entries(AgentId agent) {
            return journal.entries(agent);
        }

        @Override
        public void restore(List<OpenEntry> entries) {
            journal.restore(entries);
        }
    }

    /** Gives every post a message id of its own, so a resent message is delivered a second time. */
    private static final class ForgetfulRelay implements Relay {
        private final Relay relay;
        private final RelayRequests requests;
        private final AtomicLong posts = new AtomicLong();

        ForgetfulRelay(Relay relay, RelayRequests requests) {
            this.relay = relay;
            this.requests = requests;
        }

        @Override
        public Challenge challenge(AgentId agent) {
            return relay.challenge(agent);
        }

        @Override
        public Registration register(KeyLog log, Challenge challenge, byte[] proof) {
            return relay.register(log, challenge, proof);
        }

        @Override
        public Registration rotate(KeyLogEntry rotation) {
            return relay.rotate(rotation);
        }

        @Override
        public Receipt post(HttpMessage request) {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            if (!body.contains("\"task\"")) {
                return relay.post(request);
            }
            AgentId agent = AgentId.of(request.targetUri().getPath().split("/")[3]);
            String resent = body.replaceFirst("\"messageId\":\"hw-", "\"messageId\":\"again" + posts.incrementAndGet() + "-hw-");
            return relay.post(requests.message(agent, resent));
        }

        @Override
        public InboxPage inbox(HttpMessage signedRead) {
            return relay.inbox(signedRead);
        }

        @Override
        public Optional<List<Receipt>> receipts(AgentId agent) {
            return relay.receipts(agent);
        }
    }

    /** Grants every request, held or not. */
    private static final class OpenLeases implements LeaseStore {
        private final java.time.Clock clock;
        private final AtomicLong tokens = new AtomicLong();

        OpenLeases(java.time.Clock clock) {
            this.clock = clock;
        }

        @Override
        public Optional<Lease> acquire(AgentId agent, String owner, Duration ttl) {
            return Optional.of(new Lease(agent, owner, tokens.incrementAndGet(), clock.instant().plus(ttl)));
        }

        @Override
        public void release(Lease lease) {
            // nothing to give back
        }
    }

    /** Stores a delivery as often as it comes. */
    private record CarelessChat(ChatLog chat) implements ChatLog {
        @Override
        public ChatRow append(AgentId agent, NewChatRow row) {
            return chat.append(agent, new NewChatRow(row.role(), row.channel(), row.content(), null));
        }

        @Override
        public List<ChatRow> newest(AgentId agent, int limit) {
            return chat.newest(agent, limit);
        }

        @Override
        public List<ChatRow> before(AgentId agent, RowId before, int limit) {
            return chat.before(agent, before, limit);
        }

        @Override
        public void delete(AgentId agent, RowId row) {
            chat.delete(agent, row);
        }

        @Override
        public void restore(AgentId agent, List<ChatRow> rows) {
            chat.restore(agent, rows);
        }
    }
}
