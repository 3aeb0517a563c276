package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.KeyLog;
import dev.heartwood.core.identity.KeyLogEntry;
import dev.heartwood.core.identity.signature.HttpMessage;
import java.util.List;
import java.util.Optional;

/**
 * The relay an agent speaks through. It knows each agent by its registered public key, verifies
 * every message's signature against it, accepts a new key only with a continuity proof, and
 * keeps each agent an inbox of the messages addressed to it.
 * Adapters: {@code LoopbackRelay} (local ledger; also the test peer) and {@code HttpRelay}.
 */
public interface Relay {

    /** A fresh single-use challenge for registering {@code agent}. */
    Challenge challenge(AgentId agent);

    /**
     * Registers an agent by its key log, proven by {@code proof}: the log's current key's
     * signature of the challenge. The first registration trusts the log's genesis key; later ones
     * must extend the relay's copy of the log (same genesis), so re-registering is a no-op and a
     * stranger cannot take over a registered agent id.
     *
     * @throws RelayRejectedException if the log does not verify, the proof fails, the challenge is
     *     unknown or expired, or the agent is registered with another genesis key
     */
    Registration register(KeyLog log, Challenge challenge, byte[] proof);

    /**
     * Moves the agent to a new key. The entry must extend the relay's copy of the agent's key log
     * (signed by the current and the new key); from then on the old key is rejected. Sending the
     * entry the relay already has is a no-op.
     *
     * @throws RelayRejectedException if the continuity proof does not hold
     */
    Registration rotate(KeyLogEntry rotation);

    /**
     * Delivers one outbound message: an HTTP request signed per RFC 9421 whose JSON body carries
     * a {@code messageId}, and may carry {@code "to"}, a registered agent whose inbox also gets
     * the message. A message id seen before returns the original receipt and is not delivered
     * twice.
     *
     * @throws RelayRejectedException naming what failed verification, or an unknown recipient
     */
    Receipt post(HttpMessage request);

    /**
     * Reads a page of an agent's inbox: {@code GET {base}/v1/agents/{agent}/inbox?after=&limit=},
     * signed per RFC 9421 (see {@link RelayRequests#inboxRead}) by that agent's current key, so
     * only the agent reads its inbox. A signed read is good for one answer: its nonce cannot be
     * used again.
     *
     * @throws RelayRejectedException if the signature does not hold (unsigned, another agent's key,
     *     a changed query, expired, replayed), the agent is unknown, or the query is malformed
     */
    InboxPage inbox(HttpMessage signedRead);

    /** Every receipt the relay holds for the agent, oldest first, or empty if it does not know the agent. */
    Optional<List<Receipt>> receipts(AgentId agent);
}
