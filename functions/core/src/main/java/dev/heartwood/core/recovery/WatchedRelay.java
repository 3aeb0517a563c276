package dev.heartwood.core.recovery;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import dev.heartwood.core.relay.Challenge;
import dev.heartwood.core.relay.Receipt;
import dev.heartwood.core.relay.Registration;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.relay.RelayRejectedException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The drill's view of the relay: it counts registrations, posts, and posts the relay answered with
 * an earlier receipt (a message sent again), and it can be "unreachable" for a while.
 */
final class WatchedRelay implements Relay {

    private final Relay relay;
    private final Set<String> delivered = new HashSet<>();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger repeats = new AtomicInteger();
    volatile boolean unreachable;

    WatchedRelay(Relay relay) {
        this.relay = relay;
    }

    @Override
    public Challenge challenge(AgentId agent) {
        return relay.challenge(agent);
    }

    @Override
    public Registration register(KeyLog log, Challenge challenge, byte[] proof) {
        registrations.incrementAndGet();
        return relay.register(log, challenge, proof);
    }

    @Override
    public Registration rotate(KeyLogEntry rotation) {
        return relay.rotate(rotation);
    }

    @Override
    public synchronized Receipt post(HttpMessage request) {
        if (unreachable) {
            throw new RelayRejectedException("relay unreachable (the drill cut the connection)");
        }
        posts.incrementAndGet();
        Receipt receipt = relay.post(request);
        if (!delivered.add(receipt.messageId())) {
            repeats.incrementAndGet();
        }
        return receipt;
    }

    @Override
    public dev.heartwood.core.relay.InboxPage inbox(HttpMessage signedRead) {
        return relay.inbox(signedRead);
    }

    @Override
    public Optional<List<Receipt>> receipts(AgentId agent) {
        return relay.receipts(agent);
    }
}
