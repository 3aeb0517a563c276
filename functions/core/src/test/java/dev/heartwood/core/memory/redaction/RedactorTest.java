package dev.heartwood.core.memory.redaction;

import static dev.heartwood.core.memory.redaction.SecretType.API_TOKEN;
import static dev.heartwood.core.memory.redaction.SecretType.AWS_ACCESS_KEY;
import static dev.heartwood.core.memory.redaction.SecretType.AWS_SECRET_KEY;
import static dev.heartwood.core.memory.redaction.SecretType.BEARER_TOKEN;
import static dev.heartwood.core.memory.redaction.SecretType.ED25519_SEED;
import static dev.heartwood.core.memory.redaction.SecretType.JWT;
import static dev.heartwood.core.memory.redaction.SecretType.PRIVATE_KEY;
import static dev.heartwood.core.memory.redaction.SecretType.SECRET_ASSIGNMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    private static final String CODE_BLOCK = """
            # 2026-11-22

            ## 09:15 deploy check

            Ran the deploy for the greenhouse dashboard ([runbook](https://example.org/runbook?step=3&lang=en)).
            The config it printed:

            ```
            %s
            ```

            Everything else looked fine; next check at 10:00, after commit `3f2a91c`.
            """;
    private static final String PROSE = """
            ## 10:02 chat

            - the user asked why the sync failed
            - %s
            - asked them to rotate it; noted in HEARTBEAT.md
            """;

    /** One planted secret per row: type, where it sits, the secret, and the markdown it sits in. */
    static Stream<Arguments> planted() {
        FakeSecrets fake = new FakeSecrets(20261122L);
        byte[] seed = AgentKey.generate().seed();
        String jwt = fake.jwt();
        String pemInJson = FakeSecrets.ed25519Pem().replace("\n", "\\n");
        return Stream.of(
                planted(AWS_ACCESS_KEY, "in a credentials file", FakeSecrets.awsAccessKeyId(),
                        secret -> CODE_BLOCK.formatted("[default]\naws_access_key_id = " + secret + "\nregion = eu-west-1")),
                planted(AWS_ACCESS_KEY, "in prose", FakeSecrets.awsAccessKeyId(),
                        secret -> PROSE.formatted("the key " + secret + " showed up in the build log")),
                planted(AWS_SECRET_KEY, "in a credentials file", FakeSecrets.awsSecretKey(),
                        secret -> CODE_BLOCK.formatted("[default]\naws_secret_access_key = " + secret)),
                planted(AWS_SECRET_KEY, "in an STS reply", FakeSecrets.awsSecretKey(),
                        secret -> CODE_BLOCK.formatted("{\"SecretAccessKey\": \"" + secret + "\", \"Expiration\": \"2026-11-22T10:00:00Z\"}")),
                planted(AWS_SECRET_KEY, "pasted into chat", FakeSecrets.awsSecretKey(),
                        secret -> PROSE.formatted("they wrote: my token is " + secret + ", can you check it?")),
                planted(PRIVATE_KEY, "Ed25519 PKCS#8 made by the JDK", FakeSecrets.ed25519Pem(), CODE_BLOCK::formatted),
                planted(PRIVATE_KEY, "OPENSSH", fake.pem("OPENSSH", 400, 70), CODE_BLOCK::formatted),
                planted(PRIVATE_KEY, "RSA", fake.pem("RSA", 1190, 64), CODE_BLOCK::formatted),
                planted(PRIVATE_KEY, "EC", fake.pem("EC", 121, 64), CODE_BLOCK::formatted),
                planted(PRIVATE_KEY, "ENCRYPTED", fake.pem("ENCRYPTED", 160, 64), CODE_BLOCK::formatted),
                planted(PRIVATE_KEY, "inside a JSON string", pemInJson,
                        secret -> CODE_BLOCK.formatted("{\"type\": \"service_account\", \"private_key\": \"" + secret + "\"}")),
                planted(ED25519_SEED, "hex after 'seed'", HexFormat.of().formatHex(seed),
                        secret -> CODE_BLOCK.formatted("agent: agent-7f3a\nseed (hex): " + secret)),
                planted(ED25519_SEED, "base64 after 'private key'", Base64.getEncoder().encodeToString(seed),
                        secret -> PROSE.formatted("they pasted the private key of agent-7f3a: " + secret)),
                planted(ED25519_SEED, "base64url assigned to signingKey", Base64.getUrlEncoder().withoutPadding().encodeToString(seed),
                        secret -> CODE_BLOCK.formatted("signingKey=" + secret)),
                planted(API_TOKEN, "OpenAI project key", "sk-proj-" + fake.random(FakeSecrets.ALNUM, 48),
                        secret -> CODE_BLOCK.formatted("export OPENAI_API_KEY=" + secret)),
                planted(API_TOKEN, "Anthropic key", "sk-ant-api03-" + fake.random(FakeSecrets.BASE64URL, 93) + "AA",
                        secret -> PROSE.formatted("Claude key `" + secret + "` was in the paste")),
                planted(API_TOKEN, "GitHub personal token in a clone URL", "ghp_" + fake.random(FakeSecrets.ALNUM, 36),
                        secret -> CODE_BLOCK.formatted("git clone https://" + secret + "@github.com/acme/greenhouse.git")),
                planted(API_TOKEN, "GitHub OAuth token", "gho_" + fake.random(FakeSecrets.ALNUM, 36),
                        secret -> PROSE.formatted("OAuth app handed back " + secret)),
                planted(API_TOKEN, "GitHub Actions token", "ghs_" + fake.random(FakeSecrets.ALNUM, 36),
                        secret -> PROSE.formatted("the workflow log printed " + secret)),
                planted(API_TOKEN, "GitHub fine-grained token", "github_pat_" + fake.random(FakeSecrets.ALNUM, 22) + "_"
                        + fake.random(FakeSecrets.ALNUM, 59), secret -> CODE_BLOCK.formatted("GH_TOKEN: " + secret)),
                planted(API_TOKEN, "Slack bot token", "xoxb-" + fake.random("0123456789", 12) + "-"
                        + fake.random("0123456789", 13) + "-" + fake.random(FakeSecrets.ALNUM, 24),
                        secret -> PROSE.formatted("Slack bot token " + secret + " was posted in #ops")),
                planted(API_TOKEN, "Google API key", "AIza" + fake.random(FakeSecrets.BASE64URL, 35),
                        secret -> CODE_BLOCK.formatted("https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=" + secret)),
                planted(API_TOKEN, "Stripe live secret key", "sk_live_" + fake.random(FakeSecrets.ALNUM, 24),
                        secret -> PROSE.formatted("billing uses " + secret)),
                planted(API_TOKEN, "Stripe restricted key", "rk_live_" + fake.random(FakeSecrets.ALNUM, 24),
                        secret -> PROSE.formatted("the read-only key is " + secret)),
                planted(API_TOKEN, "GitLab token", "glpat-" + fake.random(FakeSecrets.BASE64URL, 20),
                        secret -> PROSE.formatted("GitLab CI variable holds " + secret)),
                planted(API_TOKEN, "npm token", "npm_" + fake.random(FakeSecrets.ALNUM, 36),
                        secret -> CODE_BLOCK.formatted("//registry.npmjs.org/:_authToken=" + secret)),
                planted(API_TOKEN, "Telegram bot token in a URL", fake.random("123456789", 9) + ":AA"
                        + fake.random(FakeSecrets.BASE64URL, 33),
                        secret -> CODE_BLOCK.formatted("curl https://api.telegram.org/bot" + secret + "/getMe")),
                planted(API_TOKEN, "AWS session token", "IQoJb3JpZ2luX2Vj" + fake.random(FakeSecrets.BASE64, 300),
                        secret -> CODE_BLOCK.formatted("aws_session_token = " + secret)),
                planted(JWT, "id_token in a JSON reply", jwt,
                        secret -> CODE_BLOCK.formatted("{\"id_token\": \"" + secret + "\", \"expires_in\": 3600}")),
                planted(JWT, "in a callback URL fragment", jwt,
                        secret -> PROSE.formatted("redirected to https://app.example.org/cb#access_token=" + secret + "&token_type=bearer")),
                planted(JWT, "after Bearer", jwt,
                        secret -> CODE_BLOCK.formatted("GET /v1/items HTTP/1.1\nHost: api.example.org\nAuthorization: Bearer " + secret)),
                planted(BEARER_TOKEN, "opaque token in a curl command", fake.random(FakeSecrets.ALNUM + "-._~", 40),
                        secret -> CODE_BLOCK.formatted("curl -H \"Authorization: Bearer " + secret + "\" https://api.example.org/v1/items")),
                planted(BEARER_TOKEN, "RFC 6750's example token", "mF_9.B5f-4.1JqM",
                        secret -> PROSE.formatted("the relay answered with Bearer " + secret + " for the retry")),
                planted(SECRET_ASSIGNMENT, ".env line", fake.random(FakeSecrets.ALNUM, 20) + "!" + fake.random(FakeSecrets.ALNUM, 4),
                        secret -> CODE_BLOCK.formatted("DB_HOST=db.internal\nDB_PASSWORD=" + secret + "\nDB_PORT=5432")),
                planted(SECRET_ASSIGNMENT, "JSON field", fake.random(FakeSecrets.ALNUM, 32),
                        secret -> CODE_BLOCK.formatted("{\"client_id\": \"greenhouse-web\", \"client_secret\": \"" + secret + "\"}")),
                planted(SECRET_ASSIGNMENT, "YAML, single-quoted", fake.random(FakeSecrets.ALNUM + "+/", 24),
                        secret -> CODE_BLOCK.formatted("database:\n  user: app\n  password: '" + secret + "'")),
                planted(SECRET_ASSIGNMENT, "PHP array", fake.random(FakeSecrets.ALNUM, 28),
                        secret -> CODE_BLOCK.formatted("'apiKey' => '" + secret + "',")),
                planted(SECRET_ASSIGNMENT, "HTTP header", fake.random("0123456789abcdef", 32),
                        secret -> CODE_BLOCK.formatted("X-Api-Key: " + secret)),
                planted(SECRET_ASSIGNMENT, "JSON inside a JSON string", fake.random(FakeSecrets.ALNUM, 24),
                        secret -> CODE_BLOCK.formatted("{\"body\": \"{\\\"webhook_secret\\\":\\\"" + secret + "\\\"}\"}")));
    }

    private static Arguments planted(SecretType type, String where, String secret,
            java.util.function.Function<String, String> document) {
        return Arguments.of(type, where, secret, document.apply(secret));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("planted")
    void redact_whenSecretPlanted_replacesExactlyTheSecretWithItsPlaceholder(SecretType type, String where, String secret,
            String document) {
        Redaction redaction = Redactor.standard().redact(document);

        assertThat(redaction.text()).doesNotContain(secret).contains(type.placeholder())
                .isEqualTo(document.replace(secret, type.placeholder()));
        assertThat(redaction.findings()).containsExactly(new Finding(type, 1, List.of(lineOf(document, secret))));
        assertThat(redaction.summary()).isEqualTo("1 secret redacted: " + type.label() + " ×1");
    }

    @Test
    void redact_whenEveryKindInOneDocument_removesAllAndCountsEachType() {
        List<Arguments> rows = planted().toList();
        StringBuilder document = new StringBuilder();
        List<String> secrets = new ArrayList<>();
        Map<SecretType, Integer> expected = new EnumMap<>(SecretType.class);
        for (Arguments row : rows) {
            Object[] values = row.get();
            document.append(values[3]).append('\n');
            secrets.add((String) values[2]);
            expected.merge((SecretType) values[0], 1, Integer::sum);
        }

        Redaction redaction = Redactor.standard().redact(document.toString());

        for (String secret : secrets) {
            assertThat(redaction.text()).doesNotContain(secret);
            assertThat(redaction.summary()).doesNotContain(secret);
        }
        assertThat(redaction.findings().stream().collect(Collectors.toMap(Finding::type, Finding::count)))
                .isEqualTo(expected);
        assertThat(redaction.count()).isEqualTo(rows.size());
        assertThat(redaction.summary()).isEqualTo(rows.size() + " secrets redacted: " + expected.entrySet().stream()
                .map(e -> e.getKey().label() + " ×" + e.getValue()).collect(Collectors.joining(", ")));
    }

    @Test
    void redact_whenRunAgainOnItsOwnOutput_findsNothing() {
        String document = planted().map(row -> (String) row.get()[3]).collect(Collectors.joining("\n"));
        Redaction once = Redactor.standard().redact(document);

        Redaction twice = Redactor.standard().redact(once.text());

        assertThat(twice.findings()).isEmpty();
        assertThat(twice.text()).isEqualTo(once.text());
    }

    @Test
    void redact_whenPrivateKeyIsCutOffBeforeItsEnd_stillRemovesTheBody() {
        String pem = new FakeSecrets(7).pem("OPENSSH", 400, 70);
        String truncated = pem.substring(0, pem.indexOf("-----END"));
        String body = truncated.lines().skip(1).findFirst().orElseThrow();

        Redaction redaction = Redactor.standard().redact("pasted:\n" + truncated + "\nand then the message ended.");

        assertThat(redaction.text()).doesNotContain(body).startsWith("pasted:\n[redacted:private-key]");
        assertThat(redaction.findings()).containsExactly(new Finding(PRIVATE_KEY, 1, List.of(2)));
    }

    @Test
    void redact_whenOnlyThePemMarkersAreNamed_findsNothing() {
        String doc = "A key file starts with `-----BEGIN " + "OPENSSH PRIVATE KEY-----` and ends with"
                + " `-----END " + "OPENSSH PRIVATE KEY-----`; never paste one here.";

        assertThat(Redactor.standard().redact(doc).findings()).isEmpty();
    }

    @Test
    void findings_giveTheLinesEachSecretStartedOn() {
        String id = FakeSecrets.awsAccessKeyId();
        String document = "line one\n" + id + "\nline three\nsecond " + id + " and third " + id + "\n";

        Redaction redaction = Redactor.standard().redact(document);

        assertThat(redaction.findings()).containsExactly(new Finding(AWS_ACCESS_KEY, 3, List.of(2, 4)));
    }

    @Test
    void listener_isToldTheSummaryWhenSomethingWasRemoved_andNothingWhenClean() {
        List<String> told = new ArrayList<>();
        Redactor redactor = Redactor.standard().withListener((summary, findings) -> told.add(summary + " / " + findings.size()));

        redactor.redact("nothing to see here");
        redactor.redact("key " + FakeSecrets.awsAccessKeyId());

        assertThat(told).containsExactly("1 secret redacted: aws-access-key ×1 / 1");
    }

    @Test
    void toString_ofARedaction_showsTheSummaryNotTheText() {
        Redaction redaction = Redactor.standard().redact("private memory line; key " + FakeSecrets.awsAccessKeyId());

        assertThat(redaction.toString()).isEqualTo("Redaction[1 secret redacted: aws-access-key ×1]");
        assertThat(Redactor.standard().redact("clean").summary()).isEqualTo("no secrets redacted");
    }

    @Test
    void redact_fromManyThreadsAtOnce_givesEveryCallerTheSameAnswer() {
        String document = planted().map(row -> (String) row.get()[3]).collect(Collectors.joining("\n"));
        Redactor redactor = Redactor.standard().withCanaries(List.of("greenhouse-canary-0001"));
        Redaction expected = redactor.redact(document);

        List<Redaction> results = Stream.generate(() -> document).limit(64).parallel().map(redactor::redact).toList();

        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(expected));
    }

    private static int lineOf(String document, String secret) {
        int at = document.indexOf(secret);
        return (int) document.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
