package dev.heartwood.core.identity.transfer;

import dev.heartwood.core.identity.KeyVault;
import dev.heartwood.core.identity.KeyVaultContract;

/** The fake the transfer tests rely on keeps the same promises as every real vault. */
class InMemoryKeyVaultTest extends KeyVaultContract {

    @Override
    protected KeyVault newVault() {
        return new InMemoryKeyVault();
    }
}
