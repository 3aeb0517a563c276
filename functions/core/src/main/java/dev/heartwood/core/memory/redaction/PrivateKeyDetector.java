package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM private keys of every flavour (PKCS#8, ENCRYPTED, RSA, EC, DSA, OPENSSH, PGP), from the BEGIN
 * line to the matching END line. Found with {@code indexOf} rather than one big regex, so a
 * megabyte of near-misses costs a linear scan, never backtracking.
 */
final class PrivateKeyDetector implements Detector {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    // Bounded label ("OPENSSH ", "RSA ", "ENCRYPTED ", "PGP ") so a failed match costs at most 40 steps.
    private static final Pattern BEGIN_LINE = Pattern.compile("-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END_LINE = Pattern.compile("-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final int LONGEST_LINE = 80;
    /** A marker with no key after it (a doc naming the format) is not a secret. */
    private static final int MIN_BODY = 16;
    private static final int NONE = -1;
    private static final int UNSEARCHED = -2;

    @Override
    public void find(String text, List<Match> found) {
        Matcher begin = BEGIN_LINE.matcher(text);
        Matcher end = END_LINE.matcher(text);
        // The next END line found so far, reused by every BEGIN before it: a text of many BEGIN lines
        // and one END far below is then scanned once, not once per BEGIN.
        int endStart = UNSEARCHED;
        int endStop = UNSEARCHED;
        int from = 0;
        int at;
        while ((at = text.indexOf(BEGIN, from)) >= 0) {
            begin.region(at, Math.min(text.length(), at + LONGEST_LINE));
            if (!begin.lookingAt()) {
                from = at + BEGIN.length();
                continue;
            }
            int bodyStart = begin.end();
            if (endStart != NONE && endStart < bodyStart) {
                endStart = endOf(text, end, bodyStart);
                endStop = endStart == NONE ? NONE : end.end();
            }
            int nextBegin = text.indexOf(BEGIN, bodyStart);
            int bodyEnd;
            int stop;
            if (endStart != NONE && (nextBegin < 0 || endStart < nextBegin)) {
                bodyEnd = endStart;
                stop = endStop;
            } else {
                // No END before the next BEGIN: this key was cut off.
                stop = truncatedEnd(text, bodyStart, nextBegin < 0 ? text.length() : nextBegin);
                bodyEnd = stop;
            }
            if (longestBase64Run(text, bodyStart, bodyEnd) >= MIN_BODY) {
                found.add(new Match(at, stop, SecretType.PRIVATE_KEY));
                from = stop;
            } else {
                from = bodyStart;
            }
        }
    }

    /** Where the next private-key END line after {@code from} starts, or {@link #NONE}; {@code end} is left on it. */
    private static int endOf(String text, Matcher end, int from) {
        int at;
        while ((at = text.indexOf(END, from)) >= 0) {
            end.region(at, Math.min(text.length(), at + LONGEST_LINE));
            if (end.lookingAt()) {
                return at;
            }
            from = at + END.length();
        }
        return NONE;
    }

    /**
     * A key cut off before its END line (a truncated paste, a chat message split in two) still
     * leaks: take everything that can belong to a PEM body — base64, line breaks (also as JSON
     * {@code \n} escapes), and header lines such as {@code Proc-Type: 4,ENCRYPTED} — up to the
     * first blank line.
     */
    private static int truncatedEnd(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '\n' && blankLineFollows(text, i + 1)) {
                break;
            }
            if (!(isBase64(c) || c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\\' || c == ':' || c == ','
                    || c == '-')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean blankLineFollows(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        return i >= text.length() || text.charAt(i) == '\n';
    }

    /** Key bodies come in lines of 64 or 70 base64 characters; prose between two PEM markers rarely has such a run. */
    private static int longestBase64Run(String text, int from, int to) {
        int longest = 0;
        int run = 0;
        for (int i = from; i < to; i++) {
            run = isBase64(text.charAt(i)) ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }
}
