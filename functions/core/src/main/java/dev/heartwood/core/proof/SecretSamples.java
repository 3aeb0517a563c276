package dev.heartwood.core.proof;

import dev.heartwood.core.memory.redaction.SecretType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Secrets of every kind the redactor knows, made up from a seed: each as the text it travels in
 * (a line a person or a tool would write) and its random core, the part that must never be
 * stored. A leak is the core, or any {@value #PIECE}-character piece of it, found anywhere.
 */
final class SecretSamples {

    /** Shorter pieces of random text turn up by chance; longer ones would miss a half-cut secret. */
    static final int PIECE = 8;

    record Secret(SecretType type, String carrier, String core) {

        /** Whether {@code text} holds this secret or a piece of it. */
        boolean foundIn(String text) {
            for (int i = 0; i + PIECE <= core.length(); i++) {
                if (text.contains(core.substring(i, i + PIECE))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SplittableRandom random;

    SecretSamples(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code perType} secrets of every type but the canary, which needs the redactor to know it. */
    List<Secret> standard(int perType) {
        List<Secret> secrets = new ArrayList<>();
        for (int i = 0; i < perType; i++) {
            String id = "AKIA" + text(UPPER_DIGITS, 16);
            secrets.add(new Secret(SecretType.AWS_ACCESS_KEY, "aws access key id " + id, id.substring(4)));
            String key = mixed(40, ALNUM + "/+");
            secrets.add(new Secret(SecretType.AWS_SECRET_KEY, "aws_secret_access_key: " + key, key));
            String body = Base64.getEncoder().encodeToString(bytes(96));
            secrets.add(new Secret(SecretType.PRIVATE_KEY, "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 64) + "\n"
                    + body.substring(64) + "\n-----END PRIVATE KEY-----", body));
            String seed = HexFormat.of().formatHex(bytes(32));
            secrets.add(new Secret(SecretType.ED25519_SEED, "the signing seed is " + seed, seed));
            String prefix = List.of("ghp_", "sk-proj-", "glpat-").get(i % 3);
            String token = mixed(prefix.startsWith("glpat") ? 20 : prefix.startsWith("sk") ? 40 : 36, ALNUM);
            secrets.add(new Secret(SecretType.API_TOKEN, "token " + prefix + token, token));
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + text(ALNUM, 12)
                    + "\"}").getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
            secrets.add(new Secret(SecretType.JWT, "session " + jwtHeader() + "." + payload + "." + signature, signature));
            String bearer = mixed(32, ALNUM);
            secrets.add(new Secret(SecretType.BEARER_TOKEN, "Authorization: Bearer " + bearer, bearer));
            String password = mixed(20, ALNUM + "!@");
            secrets.add(new Secret(SecretType.SECRET_ASSIGNMENT, "db_password=" + password, password));
        }
        return secrets;
    }

    /** Random values to configure as canaries (exact-match secrets, like HEARTWOOD_SECRET_VARIABLES). */
    List<String> canaries(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(mixed(24, ALNUM));
        }
        return values;
    }

    /** Filler of a random length, so a secret lands anywhere on a line, also across a cut. */
    String filler(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        return "lorem ipsum dolor sit amet ".repeat(length / 27 + 1).substring(0, length);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private static String jwtHeader() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String text(String alphabet, int n) {
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Random text with an upper-case letter, a lower-case letter and a digit, as real keys have. */
    private String mixed(int n, String alphabet) {
        String text;
        do {
            text = text(alphabet, n);
        } while (!text.chars().anyMatch(Character::isUpperCase) || !text.chars().anyMatch(Character::isLowerCase)
                || !text.chars().anyMatch(Character::isDigit));
        return text;
    }
}
