package dev.heartwood.core.heartbeat;

import dev.heartwood.core.relay.Receipt;

/** Sends a journaled outbox message: signs it with the agent's key and posts it to the relay. */
@FunctionalInterface
public interface OutboxSender {

    /** @throws dev.heartwood.core.relay.RelayRejectedException or another unchecked failure; the message stays pending */
    Receipt send(OutboxMessage message);
}
