package dev.heartwood.core.identity.transfer;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The secret side of an age X25519 key pair, {@code AGE-SECRET-KEY-1…}, that opens an export.
 *
 * <p>{@link #parse} takes either the bare key or a whole identity file as {@code age-keygen}
 * writes it ({@code #} comments, blank lines, one key per line). The keys are Java strings, so
 * they cannot be wiped; this class at least keeps them out of {@code toString} and error messages.
 */
public final class AgeIdentity {

    private static final String PREFIX = "AGE-SECRET-KEY-1";
    private static final String EXPECTED = "expected " + PREFIX + "… or an identity file as `age-keygen` writes it";

    private final List<String> keys;

    private AgeIdentity(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @throws IllegalArgumentException naming the line that is wrong, never quoting it */
    public static AgeIdentity parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("age identity is empty: " + EXPECTED);
        }
        List<String> keys = new ArrayList<>();
        List<String> lines = text.strip().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            keys.add(checked(line, i + 1));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("age identity has only comments: " + EXPECTED);
        }
        return new AgeIdentity(keys);
    }

    private static String checked(String line, int number) {
        String where = "age identity line " + number;
        if (line.startsWith("age1")) {
            throw new IllegalArgumentException(where + " is a recipient (public key), not an identity: " + EXPECTED);
        }
        if (line.startsWith("AGE-PLUGIN-")) {
            throw new IllegalArgumentException(where + " is a plugin identity, which is not supported: " + EXPECTED);
        }
        try {
            X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line);
            return line;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // No cause kept: the decoder's message may quote characters of the secret.
            throw new IllegalArgumentException(where + " is not a valid X25519 identity: " + EXPECTED);
        }
    }

    /** One reader per key, so a file encrypted to any of them opens, as with {@code age -d -i}. */
    List<RecipientStanzaReader> readers() {
        List<RecipientStanzaReader> readers = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(key));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("an age identity that parsed no longer loads", e);
            }
        }
        return readers;
    }

    @Override
    public String toString() {
        return "AgeIdentity[" + keys.size() + " X25519 key" + (keys.size() == 1 ? "" : "s") + ", redacted]";
    }
}
