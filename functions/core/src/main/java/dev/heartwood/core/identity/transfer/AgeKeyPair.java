package dev.heartwood.core.identity.transfer;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import java.security.KeyPair;

/**
 * A fresh X25519 age key pair, as {@code age-keygen} makes one: for the drill's throwaway
 * transfer key, and for operators who want one without installing age. {@link #identityFile()}
 * is the secret half; it is never printed by {@code toString}.
 */
public final class AgeKeyPair {

    private final AgeRecipient recipient;
    private final String identityLine;

    private AgeKeyPair(AgeRecipient recipient, String identityLine) {
        this.recipient = recipient;
        this.identityLine = identityLine;
    }

    public static AgeKeyPair generate() {
        KeyPair pair;
        try {
            pair = new X25519KeyPairGenerator().generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no X25519 (needed since Java 11)", e);
        }
        // jagged's keys print as their Bech32 encodings: age1… and AGE-SECRET-KEY-1….
        return new AgeKeyPair(AgeRecipient.parse(pair.getPublic().toString()), pair.getPrivate().toString());
    }

    public AgeRecipient recipient() {
        return recipient;
    }

    public AgeIdentity identity() {
        return AgeIdentity.parse(identityLine);
    }

    /** The identity file's text, with the public key as a comment, as {@code age -d -i FILE} reads it. */
    public String identityFile() {
        return "# public key: " + recipient.value() + "\n" + identityLine + "\n";
    }

    @Override
    public String toString() {
        return "AgeKeyPair[" + recipient.value() + ", identity redacted]";
    }
}
