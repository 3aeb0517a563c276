package dev.heartwood.core.relay;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentPublicKey;
import java.time.Instant;

/** The relay's record of an agent: its genesis key and the key it accepts now. */
public record Registration(AgentId agent, AgentPublicKey genesisKey, AgentPublicKey currentKey, Instant registeredAt) {
}
