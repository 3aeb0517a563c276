package dev.heartwood.cli;

import dev.heartwood.core.identity.IdentityException;
import dev.heartwood.local.Passphrase;
import java.io.Console;
import java.util.Arrays;
import java.util.Map;

/**
 * The key-file passphrase for one CLI run: {@code HEARTWOOD_PASSPHRASE} when set (automation),
 * else asked once at the terminal and kept only for this run.
 */
final class CliPassphrase implements Passphrase {

    static final String VARIABLE = "HEARTWOOD_PASSPHRASE";

    private final Map<String, String> environment;
    private final Console console;
    private final String where;
    private char[] remembered;

    CliPassphrase(Map<String, String> environment, Console console, String where) {
        this.environment = environment;
        this.console = console;
        this.where = where;
    }

    @Override
    public synchronized char[] get() {
        if (remembered == null) {
            remembered = ask(false);
        }
        return remembered.clone();
    }

    @Override
    public synchronized char[] confirmed() {
        if (remembered == null) {
            remembered = ask(true);
        }
        return remembered.clone();
    }

    private char[] ask(boolean twice) {
        String fromEnvironment = environment.get(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        if (console == null) {
            throw new IdentityException("no passphrase for the key files in " + where + ": set " + VARIABLE
                    + " or run heartwood in a terminal");
        }
        char[] first = console.readPassword("Passphrase for the key files in %s: ", where);
        if (first == null || first.length == 0) {
            throw new IdentityException("an empty passphrase would leave the key unprotected: none was set");
        }
        if (twice) {
            char[] again = console.readPassword("Same passphrase again: ");
            boolean same = Arrays.equals(first, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(first, '\0');
                throw new IdentityException("the two passphrases differ: nothing was created");
            }
        }
        return first;
    }
}
