package dev.heartwood.core.identity.transfer;

import dev.heartwood.core.identity.AgentId;
import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.KeyConflictException;
import dev.heartwood.core.identity.KeyDocument;
import dev.heartwood.core.identity.KeyFormatException;
import dev.heartwood.core.identity.KeyVault;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Imports a key that {@link ExportKey} (or {@code age -r} over a key document) wrote, into this
 * vault. Importing is idempotent and never replaces an identity: an agent that already has a
 * different key keeps it, because overwriting would orphan every signature and peer that knows
 * the old one.
 */
public final class ImportKey {

    static final String SOURCE = "export file";

    private final KeyVault vault;

    public ImportKey(KeyVault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /**
     * @throws KeyFormatException if the file does not open with this identity, was truncated or
     *     tampered with, is not an age file, does not hold a valid key document, or holds another
     *     agent's key; nothing is written
     * @throws KeyConflictException if the agent already has a different key; nothing is written
     */
    public ImportResult run(AgentId agent, byte[] ageFile, AgeIdentity identity) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(ageFile, "ageFile");
        Objects.requireNonNull(identity, "identity");
        KeyDocument document = read(ageFile, identity);
        AgentKey imported = document.key();
        if (!document.agent().equals(agent)) {
            imported.destroy();
            throw new KeyFormatException(SOURCE + ": holds the key of agent " + document.agent() + ", not of agent "
                    + agent + " (an agent's key is imported under its own id)");
        }
        Optional<AgentKey> current = vault.current(agent);
        if (current.isEmpty()) {
            try {
                // The vault may keep this object, so it is not destroyed here.
                vault.create(agent, imported);
                return ImportResult.Created.of(agent, imported.publicKey());
            } catch (KeyConflictException raced) {
                // Two imports of one file can race (a retried command, two pipelines): the loser
                // finds the winner's key, and if it is this same key the import is done, not refused.
                current = vault.current(agent);
                if (current.isEmpty()) {
                    imported.destroy();
                    throw raced;
                }
            }
        }
        // Neither key is stored from here on: both copies are ours to wipe.
        imported.destroy();
        AgentPublicKey present = current.get().publicKey();
        current.get().destroy();
        if (present.equals(imported.publicKey())) {
            return ImportResult.AlreadyPresent.of(agent, imported.publicKey());
        }
        throw new KeyConflictException("agent " + agent + " already has key " + present.did()
                + "; the export file holds " + imported.publicKey().did()
                + ". Nothing was written: an identity is never replaced by an import");
    }

    private static KeyDocument read(byte[] ageFile, AgeIdentity identity) {
        byte[] json = AgeFile.decrypt(ageFile, identity, SOURCE);
        try {
            return KeyDocument.parse(json, SOURCE);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
