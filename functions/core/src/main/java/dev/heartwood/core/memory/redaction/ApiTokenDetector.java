package dev.heartwood.core.memory.redaction;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vendor API tokens recognisable by their prefix. Every pattern starts with a literal or a
 * boundary look-behind and uses possessive quantifiers, so a long run of token characters is
 * scanned once, never re-tried from each position.
 */
final class ApiTokenDetector implements Detector {

    private record Shape(Pattern pattern, Predicate<String> accept) {
        Shape(String regex) {
            this(Pattern.compile(regex), token -> true);
        }
    }

    private static final String NOT_AFTER = "(?<![A-Za-z0-9_-])";
    private static final String NOT_BEFORE = "(?![A-Za-z0-9_-])";

    private static final List<Shape> SHAPES = List.of(
            // OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-api03-…, sk-ant-admin01-…).
            // A digit is required so a kebab-case name starting with "sk-" is not a key.
            new Shape(Pattern.compile(NOT_AFTER + "sk-[A-Za-z0-9_-]{20,}+" + NOT_BEFORE), ApiTokenDetector::hasDigit),
            // GitHub: personal (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_),
            // refresh (ghr_), fine-grained personal (github_pat_).
            new Shape(NOT_AFTER + "gh[pousr]_[A-Za-z0-9]{36,255}+" + NOT_BEFORE),
            new Shape(NOT_AFTER + "github_pat_[A-Za-z0-9_]{22,255}+" + NOT_BEFORE),
            // Slack bot, user, app-level, refresh and legacy tokens.
            new Shape(Pattern.compile(NOT_AFTER + "xox[abprs]-[A-Za-z0-9-]{10,}+" + NOT_BEFORE), ApiTokenDetector::hasDigit),
            // Google API keys.
            new Shape(NOT_AFTER + "AIza[0-9A-Za-z_-]{35}" + NOT_BEFORE),
            // Stripe secret and restricted keys, live and test mode.
            new Shape(NOT_AFTER + "(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}+" + NOT_BEFORE),
            // GitLab personal access tokens, npm tokens, Hugging Face tokens.
            new Shape(NOT_AFTER + "glpat-[A-Za-z0-9_-]{20,}+" + NOT_BEFORE),
            new Shape(NOT_AFTER + "npm_[A-Za-z0-9]{36}" + NOT_BEFORE),
            new Shape(NOT_AFTER + "hf_[A-Za-z]{34}" + NOT_BEFORE),
            // Telegram bot tokens (Telegram is one of the agent's channels): bot id, ':', 35 chars starting AA.
            new Shape("(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}" + NOT_BEFORE),
            // AWS STS session tokens: their base64 starts with a recognisable serialized header.
            new Shape("(?<![A-Za-z0-9+/])(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9+/]{100,}+={0,2}"));

    @Override
    public void find(String text, List<Match> found) {
        for (Shape shape : SHAPES) {
            Matcher matcher = shape.pattern().matcher(text);
            while (matcher.find()) {
                if (shape.accept().test(matcher.group())) {
                    found.add(new Match(matcher.start(), matcher.end(), SecretType.API_TOKEN));
                }
            }
        }
    }

    private static boolean hasDigit(String token) {
        return token.chars().anyMatch(c -> c >= '0' && c <= '9');
    }
}
