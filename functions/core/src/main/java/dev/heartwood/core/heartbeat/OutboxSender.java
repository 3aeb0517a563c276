package dev.heartwood.core.heartbeat;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.relay.Receipt;

/** Sends a journaled outbox message: signs it with the agent's key and posts it to the relay. */
@FunctionalInterface
public interface OutboxSender {

    /** @throws dev.heartwood.core.relay.RelayRejectedException or another unchecked failure; the message stays pending */
    Receipt send(OutboxMessage message);

    /**
     * Gets ready to send for {@code agent} (for the relay: has the vault's cached signing key checked
     * or fetched), so that a heartbeat can do it beside other requests instead of on its own before
     * the send. Nothing is sent; a failure here is the send's to report, when it runs.
     */
    default void prepare(AgentId agent) {
    }
}
