package dev.heartwood.core.memory.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: three base64url parts whose first decodes to a JSON object with an
 * {@code alg}. The decode is what tells a token from any dotted identifier.
 */
final class JwtDetector implements Detector {

    // The header is JSON, so it starts with '{', which base64url-encodes to 'e'. The signature may be
    // empty (alg "none") but still ends the token.
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9_-])e[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]*+");
    private static final int LONGEST_HEADER = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void find(String text, List<Match> found) {
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            String token = matcher.group();
            String header = token.substring(0, token.indexOf('.'));
            if (header.length() <= LONGEST_HEADER && hasAlgorithm(header)) {
                found.add(new Match(matcher.start(), matcher.end(), SecretType.JWT));
            }
        }
    }

    private static boolean hasAlgorithm(String header) {
        try {
            JsonNode json = JSON.readTree(Base64.getUrlDecoder().decode(header));
            return json != null && json.isObject() && json.path("alg").isTextual();
        } catch (IllegalArgumentException | IOException notJson) {
            // Base64url that is not JSON: some other dotted value, not a token.
            return false;
        }
    }
}
