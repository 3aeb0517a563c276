package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS access key ids and secret access keys. An id has a fixed shape; a secret is 40 base64
 * characters, a shape other values share, so it counts only in the same paragraph as an id or a
 * word that says what it is ("aws", "secret", "token", "key", "credential", "password").
 */
final class AwsKeyDetector implements Detector {

    // AKIA long-term, ASIA temporary (STS), ABIA/ACCA other partitions. AIDA/AROA… name users and
    // roles: identifiers, not credentials.
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])");
    private static final Pattern SECRET_KEY = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern CONTEXT_WORD = Pattern.compile("(?i)aws|secret|token|key|credential|passw");
    private static final int CONTEXT = 120;

    @Override
    public void find(String text, List<Match> found) {
        Matcher id = ACCESS_KEY_ID.matcher(text);
        while (id.find()) {
            found.add(new Match(id.start(), id.end(), SecretType.AWS_ACCESS_KEY));
        }
        Matcher secret = SECRET_KEY.matcher(text);
        while (secret.find()) {
            if (looksRandom(secret.group()) && inAwsContext(text, secret.start())) {
                found.add(new Match(secret.start(), secret.end(), SecretType.AWS_SECRET_KEY));
            }
        }
    }

    /**
     * A random 40-character base64 string nearly always mixes cases and has a digit, '/' or '+';
     * a git commit hash (hex, one case) or an identifier does not.
     */
    private static boolean looksRandom(String value) {
        boolean lower = false;
        boolean upper = false;
        boolean other = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            other |= (c >= '0' && c <= '9') || c == '/' || c == '+';
        }
        return lower && upper && other;
    }

    private static boolean inAwsContext(String text, int start) {
        String before = Context.paragraphBefore(text, start, CONTEXT);
        return CONTEXT_WORD.matcher(before).find() || ACCESS_KEY_ID.matcher(before).find();
    }
}
