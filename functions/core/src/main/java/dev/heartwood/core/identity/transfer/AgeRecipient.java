package dev.heartwood.core.identity.transfer;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Someone an export is encrypted to: an age X25519 recipient, {@code age1…} in Bech32, as
 * {@code age-keygen -y} prints it. Case is kept as given because the reference {@code age} tool
 * rejects an upper-case recipient, and an export we write must open there.
 */
public record AgeRecipient(String value) {

    private static final String EXPECTED = "expected an age X25519 recipient 'age1…' (as `age-keygen -y` prints it;"
            + " ssh and plugin recipients are not supported)";

    public AgeRecipient {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("age recipient is missing: " + EXPECTED);
        }
        // A secret key pasted where the public one belongs must not end up in a log via this message.
        if (value.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-")) {
            throw new IllegalArgumentException("age recipient is a secret identity (AGE-SECRET-KEY-…), not a recipient:"
                    + " pass its public key instead, " + EXPECTED);
        }
        try {
            writer(value);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("age recipient '" + value + "' is not valid: " + EXPECTED, e);
        }
    }

    /** Reads a recipient as typed or read from a file, ignoring surrounding whitespace. */
    public static AgeRecipient parse(String text) {
        return new AgeRecipient(text == null ? null : text.strip());
    }

    RecipientStanzaWriter writer() {
        try {
            return writer(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("recipient " + value + " was valid when parsed", e);
        }
    }

    private static RecipientStanzaWriter writer(String value) throws GeneralSecurityException {
        return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
