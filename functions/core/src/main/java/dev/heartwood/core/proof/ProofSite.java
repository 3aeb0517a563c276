package dev.heartwood.core.proof;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.recovery.BackupStore;
import dev.heartwood.core.recovery.DrillClock;
import dev.heartwood.core.relay.Relay;
import dev.heartwood.core.runtime.AgentStores;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The installation the proof runs in: its stores (every store built on {@code clock}, which the
 * proof moves), the relay outside it, where backups go, and fresh empty installations to restore
 * into. Each scenario run uses agents of its own, so runs never see each other.
 *
 * @param deliveredBodies the bodies the relay delivered for an agent, in order: the proof counts
 *     duplicates in what was really delivered, not in what the agent believes it sent
 */
public record ProofSite(String description, AgentStores stores, Relay relay, URI relayBase,
        Function<AgentId, List<String>> deliveredBodies, BackupStore backups, Supplier<AgentStores> emptyInstallation,
        DrillClock clock) {

    public ProofSite {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(relayBase, "relayBase");
        Objects.requireNonNull(deliveredBodies, "deliveredBodies");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(emptyInstallation, "emptyInstallation");
        Objects.requireNonNull(clock, "clock");
    }
}
