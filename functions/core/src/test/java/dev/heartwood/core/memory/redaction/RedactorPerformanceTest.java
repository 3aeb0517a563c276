package dev.heartwood.core.memory.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hang guards, not benchmarks: each input is shaped to make a backtracking pattern re-scan a long
 * run from every position (seconds to hours if one does). The limit is generous on purpose; a
 * linear scan of these takes milliseconds.
 */
class RedactorPerformanceTest {

    private static final Duration HANG = Duration.ofSeconds(5);
    private static final int RUN = 100_000;

    static Stream<Arguments> adversarial() {
        FakeSecrets fake = new FakeSecrets(99);
        return Stream.of(
                Arguments.of("100k 'a' then '='", "a".repeat(RUN) + "="),
                Arguments.of("'password' then 100k 'a'", "password" + "a".repeat(RUN)),
                Arguments.of("'password=' then 100k 'a'", "password=" + "a".repeat(RUN)),
                Arguments.of("'a=' 50k times", "a=".repeat(RUN / 2)),
                Arguments.of("'token: ' 20k times", "token: ".repeat(RUN / 5)),
                Arguments.of("'\"secret\":\"' 10k times", "\"secret\":\"".repeat(RUN / 10)),
                Arguments.of("100k hex digits", "0123456789abcdef".repeat(RUN / 16)),
                Arguments.of("'seed ' then 100k hex digits", "seed " + "abcdef0123456789".repeat(RUN / 16)),
                Arguments.of("100k base64 characters after 'aws secret'", "aws secret " + fake.random(FakeSecrets.BASE64, RUN)),
                Arguments.of("100k base64url characters with dots", (fake.random(FakeSecrets.BASE64URL, 20) + ".").repeat(RUN / 21)),
                Arguments.of("'e' + 8 letters + '.' 10k times", "eaaaaaaaa.".repeat(RUN / 10)),
                Arguments.of("bare BEGIN lines, no END", ("-----BEGIN " + "PRIVATE KEY-----\n").repeat(RUN / 28)),
                Arguments.of("bare BEGIN lines, one END at the bottom",
                        ("-----BEGIN " + "PRIVATE KEY-----\n").repeat(RUN / 28) + "-----END " + "PRIVATE KEY-----"),
                Arguments.of("bare END lines", ("-----END " + "PRIVATE KEY-----\n").repeat(RUN / 26)),
                Arguments.of("BEGIN then 100k dashes", "-----BEGIN " + "-".repeat(RUN)),
                Arguments.of("'sk-' then 100k letters", "sk-" + "a".repeat(RUN)),
                Arguments.of("'Bearer ' 10k times", "Bearer ".repeat(RUN / 7)),
                Arguments.of("100k digits then ':AA'", "1".repeat(RUN) + ":AA"),
                Arguments.of("100k spaces then '='", " ".repeat(RUN) + "="),
                Arguments.of("dotted identifier of 100k", "a.".repeat(RUN / 2) + "("));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void redact_whenGivenAdversarialInput_finishes(String name, String input) {
        Redactor redactor = Redactor.standard().withCanaries(List.of("canary-value-1234"));

        Redaction redaction = assertTimeoutPreemptively(HANG, () -> redactor.redact(input));

        assertThat(redaction.text()).isNotNull();
    }

    @Test
    void redact_whenGivenAMegabyteOfMemoryWithSecrets_finishesAndFindsEveryOne() {
        String paragraph = """
                ## 09:15 checked the greenhouse

                Humidity 61%%, temperature 21.5 C; commit 3f2a91c0 deployed, sha256 %s.
                The operator pasted key %s by mistake.

                """.formatted("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", FakeSecrets.awsAccessKeyId());
        int copies = 1_000_000 / paragraph.length() + 1;
        String megabyte = paragraph.repeat(copies);

        Redaction redaction = assertTimeoutPreemptively(HANG, () -> Redactor.standard().redact(megabyte));

        assertThat(megabyte.length()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(redaction.findings()).extracting(Finding::type, Finding::count)
                .containsExactly(tuple(SecretType.AWS_ACCESS_KEY, copies));
        assertThat(redaction.text()).doesNotContain(FakeSecrets.awsAccessKeyId());
    }
}
