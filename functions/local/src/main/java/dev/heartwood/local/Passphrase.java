package dev.heartwood.local;

/**
 * Supplies the passphrase that encrypts key files. Each call returns a fresh array that the caller
 * clears after use, so the passphrase spends as little time in memory as possible.
 */
@FunctionalInterface
public interface Passphrase {

    /** @throws dev.heartwood.core.identity.IdentityException if no passphrase can be had (say how to give one) */
    char[] get();

    /**
     * The passphrase for a key file that is about to be created: an interactive source asks twice,
     * because a mistyped passphrase here would lock the new identity away for good.
     */
    default char[] confirmed() {
        return get();
    }
}
