package dev.heartwood.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.identity.signature.RequestVerifier;
import dev.heartwood.core.identity.signature.Verification;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.InboxMessage;
import dev.heartwood.core.relay.InboxPage;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRejectedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relay that lives in a directory: the embedded default's peer, the test double for every
 * relay client, and the witness of the migration drill ("same identity", "no resends").
 *
 * <p>It verifies like a real relay should: every message's RFC 9421 signature against the key the
 * agent's key log says is current, a nonce never twice, a message id delivered once (a repeat
 * gets the original receipt); a message whose body names another agent in {@code "to"} also goes
 * to that agent's inbox, which only the agent itself may read, with a signed request used once.
 * Its ledger is durable ({@link RelayLedger}): {@code relay/{agent}/keylog/}, and
 * {@code messages.jsonl}, {@code inbox.jsonl} and {@code read-nonces.jsonl} beside it, forced to
 * disk before the relay answers.
 */
public final class LoopbackRelay implements Relay {

    /** A reserved name (RFC 2606): requests addressed here never leave the machine by accident. */
    public static final URI DEFAULT_BASE = URI.create("https://relay.heartwood.invalid");
    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Nonces must be remembered until their signature expires, so a sender may not ask for forever. */
    static final Duration MAX_SIGNATURE_LIFETIME = Duration.ofHours(1);
    private static final Pattern MESSAGES_PATH = Pattern.compile("/v1/agents/([^/]+)/messages");
    private static final Pattern INBOX_PATH = Pattern.compile("/v1/agents/([^/]+)/inbox");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Clock clock;
    private final FileKeyLogStore keyLogs;
    private final RelayLedger ledger;
    /** Outstanding challenges by nonce: several may be open per agent, so a stranger asking cannot cancel the owner's. */
    private final Map<String, Challenge> pending = new ConcurrentHashMap<>();
    private static final int MAX_PENDING = 10_000;

    public LoopbackRelay(Path root, URI base, Clock clock) {
        this.base = base;
        this.clock = clock;
        this.keyLogs = new FileKeyLogStore(root);
        this.ledger = new RelayLedger(root);
    }

    public static LoopbackRelay in(LocalHome home) {
        return new LoopbackRelay(home.relay(), DEFAULT_BASE, Clock.systemUTC());
    }

    public URI base() {
        return base;
    }

    @Override
    public Challenge challenge(AgentId agent) {
        byte[] nonce = new byte[24];
        new SecureRandom().nextBytes(nonce);
        Challenge challenge = new Challenge(agent, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                clock.instant().plus(CHALLENGE_LIFETIME));
        Instant now = clock.instant();
        pending.values().removeIf(c -> now.isAfter(c.expiresAt()));
        if (pending.size() >= MAX_PENDING) {
            throw new RelayRejectedException("too many open challenges: try again in a few minutes");
        }
        pending.put(challenge.nonce(), challenge);
        return challenge;
    }

    @Override
    public synchronized Registration register(KeyLog log, Challenge challenge, byte[] proof) {
        AgentId agent = log.agent();
        Challenge issued = pending.get(challenge.nonce());
        if (issued == null || !issued.equals(challenge) || !issued.agent().equals(agent)
                || clock.instant().isAfter(issued.expiresAt())) {
            throw new RelayRejectedException("agent " + agent + ": unknown or expired challenge; ask for a new one");
        }
        KeyLog known = keyLogs.read(agent);
        AgentPublicKey genesis = known.genesisKey().orElse(log.genesisKey().orElseThrow(() ->
                new RelayRejectedException("agent " + agent + ": the key log is empty")));
        if (!known.entries().isEmpty() && !startsWith(log, known)) {
            boolean sameGenesis = log.genesisKey().map(genesis::equals).orElse(false);
            throw new RelayRejectedException(sameGenesis && log.entries().size() < known.entries().size()
                    ? "agent " + agent + ": this key log (" + log.entries().size() + " entries) is older than the relay's ("
                            + known.entries().size() + "); register with the latest key log"
                    : "agent " + agent + " is registered with genesis key " + genesis.did() + "; this key log does not extend it");
        }
        AgentPublicKey current = currentKey(log, genesis);
        if (!current.verifies(challenge.bytesToSign(), proof)) {
            throw new RelayRejectedException("agent " + agent + ": the proof is not a signature of the challenge by "
                    + current.did());
        }
        pending.remove(challenge.nonce());
        for (KeyLogEntry entry : log.entries().subList(known.entries().size(), log.entries().size())) {
            keyLogs.append(entry);
        }
        return registration(agent);
    }

    @Override
    public synchronized Registration rotate(KeyLogEntry rotation) {
        AgentId agent = rotation.agent();
        KeyLog known = keyLogs.read(agent);
        AgentPublicKey genesis = known.genesisKey().orElseThrow(() ->
                new RelayRejectedException("agent " + agent + " is not registered"));
        if (rotation.sequence() < known.entries().size()
                && known.entries().get((int) rotation.sequence()).equals(rotation)) {
            return registration(agent);
        }
        currentKey(known.append(rotation), genesis);
        keyLogs.append(rotation);
        return registration(agent);
    }

    @Override
    public synchronized Receipt post(HttpMessage request) {
        AgentId agent = addressee(request, "POST", MESSAGES_PATH);
        Verification.Verified verified = verified(agent, request);
        PostedMessage posted = PostedMessage.parse(agent, request.body());
        String messageId = posted.messageId();
        posted.recipient().ifPresent(recipient -> requireRegistered(recipient, agent));
        List<JsonNode> sent = ledger.messages(agent);
        Optional<JsonNode> nonceUse = sent.stream().filter(line -> verified.nonce().equals(line.path("nonce").asText())).findFirst();
        if (nonceUse.isPresent() && !messageId.equals(nonceUse.get().path("messageId").asText())) {
            throw new RelayRejectedException("agent " + agent + ": nonce " + verified.nonce() + " was already used (replay)");
        }
        // The same signed request again (an outbox resending after a lost answer) falls through to
        // the duplicate check below and gets its original receipt.
        Optional<JsonNode> earlier = sent.stream()
                .filter(line -> "message".equals(line.path("type").asText()))
                .filter(line -> messageId.equals(line.path("messageId").asText())).findFirst();
        if (earlier.isPresent()) {
            ledger.appendMessage(agent, JSON.createObjectNode().put("type", "duplicate").put("messageId", messageId)
                    .put("nonce", verified.nonce()).put("receivedAt", clock.instant().toString()));
            return receipt(agent, earlier.get());
        }
        String text = new String(request.body(), StandardCharsets.UTF_8);
        Instant now = clock.instant();
        // The recipient's copy first: if the relay dies between the two appends, the sender has no
        // receipt and posts again, and the inbox keeps its one copy (it is keyed by sender and
        // message id). The other order could leave a receipt for a message no inbox holds.
        posted.recipient().ifPresent(to -> ledger.deliverToInbox(to, agent, messageId, text, now));
        long sequence = sent.stream().filter(line -> "message".equals(line.path("type").asText())).count() + 1;
        var line = JSON.createObjectNode().put("type", "message").put("messageId", messageId).put("sequence", sequence)
                .put("receivedAt", now.toString()).put("keyId", verified.keyId()).put("nonce", verified.nonce())
                .put("body", text);
        ledger.appendMessage(agent, line);
        return receipt(agent, line);
    }

    @Override
    public synchronized InboxPage inbox(HttpMessage signedRead) {
        AgentId agent = addressee(signedRead, "GET", INBOX_PATH);
        InboxQuery query = InboxQuery.parse(agent, signedRead.targetUri());
        Verification.Verified verified = verified(agent, signedRead);
        // Reads keep their nonces apart from posts': a signature covers the method and the target,
        // so a captured read can only ever be replayed as that same read, never as a post.
        if (!ledger.claimReadNonce(agent, verified.nonce(), verified.expires(), clock.instant())) {
            throw new RelayRejectedException("agent " + agent + ": nonce " + verified.nonce() + " was already used (replay)");
        }
        List<InboxMessage> messages = ledger.inbox(agent, query.after(), query.limit());
        return new InboxPage(messages, messages.isEmpty() ? query.after() : messages.get(messages.size() - 1).sequence());
    }

    @Override
    public synchronized Optional<List<Receipt>> receipts(AgentId agent) {
        if (keyLogs.read(agent).entries().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ledger.messages(agent).stream().filter(line -> "message".equals(line.path("type").asText()))
                .map(line -> receipt(agent, line)).toList());
    }

    /** The bodies of every message delivered for the agent, in order: what the drill inspects. */
    public synchronized List<String> deliveredBodies(AgentId agent) {
        return ledger.messages(agent).stream().filter(line -> "message".equals(line.path("type").asText()))
                .map(line -> line.path("body").asText()).toList();
    }

    private AgentId addressee(HttpMessage request, String method, Pattern endpoint) {
        URI target = request.targetUri();
        if (!base.getScheme().equals(target.getScheme()) || !base.getAuthority().equals(target.getAuthority())) {
            throw new RelayRejectedException("message is addressed to " + target.getScheme() + "://"
                    + target.getAuthority() + ", not this relay (" + base + ")");
        }
        Matcher path = endpoint.matcher(target.getPath());
        if (!method.equals(request.method()) || !path.matches()) {
            throw new RelayRejectedException("expected " + method + " " + base + endpoint.pattern().replace("([^/]+)", "{agentId}")
                    + ", got " + request.method() + " " + target.getPath());
        }
        try {
            return AgentId.of(path.group(1));
        } catch (IllegalArgumentException e) {
            throw new RelayRejectedException(e.getMessage());
        }
    }

    /** The request's signature, checked against the agent's current key and the relay's cap on lifetimes. */
    private Verification.Verified verified(AgentId agent, HttpMessage request) {
        KeyLog log = keyLogs.read(agent);
        AgentPublicKey current = currentKey(log, log.genesisKey().orElseThrow(() ->
                new RelayRejectedException("agent " + agent + " is not registered")));
        Verification verification = new RequestVerifier(
                keyId -> keyId.equals(current.did()) ? Optional.of(current) : Optional.empty(), clock).verify(request);
        Verification.Verified verified = switch (verification) {
            case Verification.Verified ok -> ok;
            case Verification.Rejected rejected -> throw new RelayRejectedException("agent " + agent + ": "
                    + rejected.reason() + (log.entries().stream().anyMatch(e -> e.key().did().equals(keyIdOf(request)))
                            && !current.did().equals(keyIdOf(request)) ? " (that key was rotated out)" : ""));
        };
        if (Duration.between(verified.created(), verified.expires()).compareTo(MAX_SIGNATURE_LIFETIME) > 0) {
            throw new RelayRejectedException("agent " + agent + ": signature lifetime " + Duration.between(verified.created(),
                    verified.expires()) + " exceeds the relay's maximum of " + MAX_SIGNATURE_LIFETIME);
        }
        return verified;
    }

    private static String keyIdOf(HttpMessage request) {
        Matcher keyId = Pattern.compile("keyid=\"([^\"]+)\"").matcher(request.field("signature-input").orElse(""));
        return keyId.find() ? keyId.group(1) : "";
    }

    private void requireRegistered(AgentId recipient, AgentId sender) {
        if (keyLogs.read(recipient).entries().isEmpty()) {
            throw new RelayRejectedException("agent " + sender + ": recipient " + recipient + " is not registered");
        }
    }

    private static boolean startsWith(KeyLog log, KeyLog prefix) {
        return log.entries().size() >= prefix.entries().size()
                && log.entries().subList(0, prefix.entries().size()).equals(prefix.entries());
    }

    private static AgentPublicKey currentKey(KeyLog log, AgentPublicKey genesis) {
        return switch (log.verify(genesis)) {
            case KeyLog.Valid valid -> valid.current().orElseThrow(() ->
                    new RelayRejectedException("agent " + log.agent() + ": its key was revoked"));
            case KeyLog.Broken broken -> throw new RelayRejectedException("agent " + log.agent()
                    + ": key log broken at entry " + broken.sequence() + ": " + broken.reason());
        };
    }

    private Registration registration(AgentId agent) {
        KeyLog log = keyLogs.read(agent);
        AgentPublicKey genesis = log.genesisKey().orElseThrow();
        return new Registration(agent, genesis, currentKey(log, genesis), log.entries().get(0).createdAt());
    }

    private Receipt receipt(AgentId agent, JsonNode line) {
        return new Receipt(agent, line.path("messageId").asText(), line.path("sequence").asLong(),
                Instant.parse(line.path("receivedAt").asText()), line.path("keyId").asText());
    }
}
