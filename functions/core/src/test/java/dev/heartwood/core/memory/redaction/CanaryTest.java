package dev.heartwood.core.memory.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.AgentKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanaryTest {

    static Stream<Arguments> seedEncodings() {
        return Stream.of(
                Arguments.of("hex", (Function<byte[], String>) seed -> HexFormat.of().formatHex(seed)),
                Arguments.of("HEX", (Function<byte[], String>) seed -> HexFormat.of().formatHex(seed).toUpperCase(Locale.ROOT)),
                Arguments.of("base64", (Function<byte[], String>) seed -> Base64.getEncoder().encodeToString(seed)),
                Arguments.of("base64 unpadded", (Function<byte[], String>) seed -> Base64.getEncoder().withoutPadding().encodeToString(seed)),
                Arguments.of("base64url", (Function<byte[], String>) seed -> Base64.getUrlEncoder().encodeToString(seed)),
                Arguments.of("base64url unpadded",
                        (Function<byte[], String>) seed -> Base64.getUrlEncoder().withoutPadding().encodeToString(seed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedEncodings")
    void withAgentKey_whenTheSeedAppearsWithoutAnyContext_removesIt(String encoding, Function<byte[], String> encode) {
        AgentKey key = AgentKey.generate();
        String seed = encode.apply(key.seed());
        // No "seed", "private" or "secret" nearby: the shape detectors must not see it, only the canary.
        String document = "## notes\n\nthe relay logged `" + seed + "` twice, then went quiet.\n";

        Redaction standard = Redactor.standard().redact(document);
        Redaction withKey = Redactor.standard().withAgentKey(key).redact(document);

        assertThat(standard.text()).contains(seed);
        assertThat(withKey.text()).doesNotContain(seed)
                .isEqualTo("## notes\n\nthe relay logged `[redacted:canary]` twice, then went quiet.\n");
        assertThat(withKey.findings()).containsExactly(new Finding(SecretType.CANARY, 1, List.of(3)));
    }

    @Test
    void withAgentKey_whenTheSeedIsInASecretContext_isReportedAsTheAgentsOwnKey() {
        AgentKey key = AgentKey.generate();
        String hex = HexFormat.of().formatHex(key.seed());

        Redaction redaction = Redactor.standard().withAgentKey(key).redact("seed: " + hex);

        assertThat(redaction.text()).isEqualTo("seed: [redacted:canary]");
        assertThat(redaction.findings()).extracting(Finding::type).containsExactly(SecretType.CANARY);
    }

    @Test
    void withCanaries_removesAConfiguredSecretWhereverItAppears() {
        String secret = "greenhouse-" + "relay-" + "4d9f";
        String document = """
                # MEMORY.md
                - relay password is %s (do not share)
                - https://relay.example.org/login?u=scout&p=%s
                - mixed into a word: xx%syy
                """.formatted(secret, secret, secret);

        Redaction redaction = Redactor.standard().withCanaries(List.of(secret)).redact(document);

        assertThat(redaction.text()).doesNotContain(secret).contains("xx[redacted:canary]yy");
        assertThat(redaction.findings()).containsExactly(new Finding(SecretType.CANARY, 3, List.of(2, 3, 4)));
        assertThat(redaction.summary()).isEqualTo("3 secrets redacted: canary ×3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "hunter2", "1234567"})
    void withCanaries_whenShorterThanEightCharacters_isRefusedWithoutEchoingIt(String tooShort) {
        List<String> canaries = List.of("long-enough-canary", tooShort);

        assertThatThrownBy(() -> Redactor.standard().withCanaries(canaries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("canary #2 is " + tooShort.length() + " characters long: a canary must be at least 8"
                        + " characters, or it would redact ordinary words");
    }

    @Test
    void withCanaries_whenNull_isRefused() {
        List<String> canaries = new ArrayList<>(Arrays.asList("long-enough-canary", null));

        assertThatThrownBy(() -> Redactor.standard().withCanaries(canaries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("canary #2 is null");
    }

    @Test
    void withCanaries_whenBlank_isRefused() {
        assertThatThrownBy(() -> Redactor.standard().withCanaries(List.of(" ".repeat(12))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("canary #1 is blank: expected a secret value");
    }

    @Test
    void withCanaries_atExactlyEightCharacters_isAccepted() {
        Redaction redaction = Redactor.standard().withCanaries(List.of("8charsOK")).redact("say 8charsOK twice: 8charsOK");

        assertThat(redaction.text()).isEqualTo("say [redacted:canary] twice: [redacted:canary]");
    }

    @Test
    void withCanaries_returnsANewRedactor_andLeavesTheStandardOneAlone() {
        String secret = "only-this-instance-knows";
        Redactor withCanary = Redactor.standard().withCanaries(List.of(secret));

        assertThat(Redactor.standard().redact(secret).text()).isEqualTo(secret);
        assertThat(withCanary.redact(secret).text()).isEqualTo("[redacted:canary]");
        assertThat(withCanary.withCanaries(List.of("a-second-canary")).redact(secret + " a-second-canary").text())
                .isEqualTo("[redacted:canary] [redacted:canary]");
    }

    @Test
    void toString_ofARedactorWithCanaries_countsThemWithoutShowingThem() {
        byte[] seed = new byte[AgentKey.SEED_LENGTH];
        Arrays.fill(seed, (byte) 0xfb); // base64 "+/v7…" and base64url "-_v7…" differ, so all six forms are distinct
        AgentKey key = AgentKey.fromSeed(seed);
        String hex = HexFormat.of().formatHex(key.seed());
        Redactor redactor = Redactor.standard().withCanaries(List.of("configured-secret-1")).withAgentKey(key);

        assertThat(redactor.toString()).isEqualTo("Redactor[7 detectors, 7 canaries]")
                .doesNotContain("configured-secret-1").doesNotContain(hex);
    }

    @Test
    void withCanaries_whenOneCanaryContainsAnother_removesTheLongerWhole() {
        Redaction redaction = Redactor.standard().withCanaries(List.of("prefix-secret", "prefix-secret-and-more"))
                .redact("value: prefix-secret-and-more.");

        assertThat(redaction.text()).isEqualTo("value: [redacted:canary].");
        assertThat(redaction.count()).isEqualTo(1);
    }
}
