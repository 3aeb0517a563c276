package dev.heartwood.core.identity.transfer;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.UnknownAgentException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Exports an agent's current key as its {@link KeyDocument} encrypted to age X25519 recipients,
 * so it can travel to another account or region and be opened there by {@link ImportKey} or by
 * {@code age -d -i identity.txt}. The key is never written anywhere in plaintext.
 *
 * <p>The document's {@code createdAt} is the export time: the vault port does not keep when a key
 * was created.
 */
public final class ExportKey {

    private final KeyVault vault;
    private final Clock clock;

    public ExportKey(KeyVault vault) {
        this(vault, Clock.systemUTC());
    }

    public ExportKey(KeyVault vault, Clock clock) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the binary age file (age-encryption.org/v1) holding the key document
     * @throws IllegalArgumentException if there is no recipient
     * @throws UnknownAgentException if the vault holds no key for the agent
     */
    public byte[] run(AgentId agent, List<AgeRecipient> recipients) {
        Objects.requireNonNull(agent, "agent");
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients: expected at least one age X25519 recipient 'age1…'");
        }
        List<AgeRecipient> to = List.copyOf(recipients);
        AgentKey key = vault.current(agent).orElseThrow(() -> new UnknownAgentException(agent, "the key vault"));
        byte[] json;
        try {
            json = new KeyDocument(agent, key, clock.instant()).toJson();
        } finally {
            // Vaults hand out copies the caller owns, so this one is ours to wipe.
            key.destroy();
        }
        try {
            return AgeFile.encrypt(json, to);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
