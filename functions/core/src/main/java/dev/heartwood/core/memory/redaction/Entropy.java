package dev.heartwood.core.memory.redaction;

import java.util.HashMap;
import java.util.Map;

/** How random a candidate value looks: the measures that separate keys from words and identifiers. */
final class Entropy {

    private Entropy() {
    }

    /** Shannon entropy in bits per character: about 4-6 for random keys, lower for words and repeats. */
    static double bitsPerChar(CharSequence value) {
        if (value.isEmpty()) {
            return 0;
        }
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            counts.merge(value.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (int count : counts.values()) {
            double p = (double) count / value.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }

    /**
     * How many of lower case, upper case, digits and other symbols occur. {@code . _ -} do not count
     * as symbols: they join the words of ordinary identifiers ({@code authentication_required}) as
     * often as they appear in keys.
     */
    static int characterClasses(CharSequence value) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '_' && c != '-' && !Character.isWhitespace(c)) {
                symbol = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
