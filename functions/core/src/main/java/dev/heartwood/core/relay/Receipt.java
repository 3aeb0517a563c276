package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import java.time.Instant;

/**
 * The relay's acknowledgement of one message. A message posted again with the same id gets the
 * very same receipt back, which is how a retry after a crash knows it was already delivered.
 *
 * @param sequence the relay's running count of this agent's delivered messages, from 1
 * @param keyId the did:key whose signature the relay verified
 */
public record Receipt(AgentId agent, String messageId, long sequence, Instant receivedAt, String keyId) {
}
