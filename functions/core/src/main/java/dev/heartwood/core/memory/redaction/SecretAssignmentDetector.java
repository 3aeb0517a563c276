package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A random-looking value given to a secret-looking name: {@code DB_PASSWORD=…}, {@code token: …},
 * {@code "client_secret": "…"}, {@code 'apiKey' => '…'}. Only the value is replaced; the name
 * stays, so the note still says which setting it was.
 *
 * <p>The name and the separator are matched by one bounded regex, the value is read by hand:
 * a pattern like {@code \w*password\w*\s*=\s*\S+} re-scans a long run of word characters from
 * every position and never finishes on 100 000 letters.
 */
final class SecretAssignmentDetector implements Detector {

    // Look-behind: a name starts at a non-name character, so inner positions of a long word fail at
    // once; and not after ':' or '/', where "secret:" is part of an ARN or URL (…:secret:heartwood/…).
    private static final Pattern NAME_AND_SEPARATOR = Pattern.compile(
            "(?<![A-Za-z0-9_.:/-])([A-Za-z][A-Za-z0-9_.-]{0,63}+)\\\\?[\"'`]?[ \\t]{0,8}+(?::=|=>|[:=])");
    /** The name, in snake case, ends with a secret word as a whole part: db_password, clientSecret, x-api-key; not tokenizer, not token_count. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?:^|.*_)(?:password|passwd|passphrase|secret|token|credentials?|api_?key|private_?key|secret_?key"
                    + "|access_?key|signing_?key|encryption_?key|master_?key)(?:_(?:value|b64|base64|hex))?");
    // A reference to a secret, not a secret: ${VAR}, {{ secrets.X }}, <your-token>, %(x)s, [redacted:…], paths.
    private static final Pattern REFERENCE = Pattern.compile("[${\\[<%(#*]|~/|\\.{1,2}/|arn:|process\\.env|os\\.environ");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s]*(?:/.*)?");
    // Code that reads a secret rather than holds it: request.getHeader(, config.apiKey, System.getenv(
    private static final Pattern CODE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*+(?:\\.[A-Za-z_$][A-Za-z0-9_$]*+)*+\\(?");
    private static final int MIN_LENGTH = 16;
    private static final double MIN_BITS_PER_CHAR = 3.0;
    private static final int LONGEST_QUOTED = 1024;

    @Override
    public void find(String text, List<Match> found) {
        Matcher matcher = NAME_AND_SEPARATOR.matcher(text);
        while (matcher.find()) {
            if (!SECRET_NAME.matcher(snakeCase(matcher.group(1))).matches()) {
                continue;
            }
            int[] value = valueAfter(text, matcher.end());
            if (value != null && looksSecret(text.substring(value[0], value[1]))) {
                found.add(new Match(value[0], value[1], SecretType.SECRET_ASSIGNMENT));
            }
        }
    }

    /** The span of the value after the separator, quoted or bare, or null if there is none on this line. */
    private static int[] valueAfter(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t') && i - from < 8) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) == '=') {
            return null; // "==": a comparison, not an assignment
        }
        boolean escaped = text.charAt(i) == '\\' && i + 1 < text.length() && isQuote(text.charAt(i + 1));
        if (escaped) {
            i++;
        }
        char open = text.charAt(i);
        if (isQuote(open)) {
            int start = i + 1;
            int end = start;
            int limit = Math.min(text.length(), start + LONGEST_QUOTED);
            while (end < limit && text.charAt(end) != open && text.charAt(end) != '\n'
                    && !(escaped && text.charAt(end) == '\\')) {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            end = Math.min(end, limit);
            return end > start ? new int[] {start, end} : null;
        }
        int end = i;
        while (end < text.length() && !endsBareValue(text.charAt(end))) {
            end++;
        }
        return end > i ? new int[] {i, end} : null;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean endsBareValue(char c) {
        return Character.isWhitespace(c) || isQuote(c) || c == ',' || c == ';' || c == '&';
    }

    static boolean looksSecret(String value) {
        if (value.length() < MIN_LENGTH || REFERENCE.matcher(value).lookingAt()) {
            return false;
        }
        if (value.contains("://") && URL.matcher(value).matches()) {
            return false; // a URL without credentials in it
        }
        if (CODE.matcher(value).matches() && (value.indexOf('.') >= 0 || value.endsWith("("))) {
            return false;
        }
        return Entropy.characterClasses(value) >= 2 && Entropy.bitsPerChar(value) >= MIN_BITS_PER_CHAR;
    }

    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c == '-' || c == '.' ? '_' : Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
