package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential after {@code Bearer} (RFC 6750), as in {@code Authorization: Bearer …}. The word
 * "Bearer" and the header name stay, so the note still says what kind of call it was.
 */
final class BearerTokenDetector implements Detector {

    // RFC 6750 b64token characters, then optional '=' padding.
    private static final Pattern BEARER = Pattern.compile(
            "(?<![A-Za-z0-9_])(?i:bearer)[ \\t]++([A-Za-z0-9._~+/-]++=*+)");
    /** RFC 6750's own example token is 15 characters; words are caught by the class check below. */
    private static final int MIN_LENGTH = 12;

    @Override
    public void find(String text, List<Match> found) {
        Matcher matcher = BEARER.matcher(text);
        while (matcher.find()) {
            String token = matcher.group(1);
            if (token.length() >= MIN_LENGTH && Entropy.characterClasses(token) >= 2) {
                found.add(new Match(matcher.start(1), matcher.end(1), SecretType.BEARER_TOKEN));
            }
        }
    }
}
