package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.heartwood.core.identity.AgentKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestSignerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");
    private static final Pattern SIGNATURE_INPUT = Pattern.compile("sig1=\\(\"@method\" \"@target-uri\" \"content-digest\"\\)"
            + ";created=(\\d+);expires=(\\d+);nonce=\"([A-Za-z0-9_-]+)\";keyid=\"(did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+)\""
            + ";alg=\"ed25519\"");
    private static final Pattern SIGNATURE = Pattern.compile("sig1=:([A-Za-z0-9+/]{86}==):");

    private final AgentKey key = AgentKey.generate();
    private final RequestSigner signer = new RequestSigner(key, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void sign_addsContentDigestAndTheHeartwoodSignatureFields() {
        HttpMessage signed = signer.sign(message("https://relay.example/agents/ada/inbox", "{\"text\":\"hi\"}")).message();

        Matcher input = matcher(SIGNATURE_INPUT, signed.field("Signature-Input").orElseThrow());
        assertThat(Long.parseLong(input.group(1))).isEqualTo(NOW.getEpochSecond());
        assertThat(Long.parseLong(input.group(2))).isEqualTo(NOW.getEpochSecond() + 300);
        assertThat(Base64.getUrlDecoder().decode(input.group(3))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(input.group(4)).isEqualTo(key.publicKey().did());
        assertThat(signed.field("Signature").orElseThrow()).matches(SIGNATURE);
        assertThat(signed.field("Content-Digest")).contains(ContentDigest.sha256("{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sign_whenTheMessageCarriesAStaleDigest_replacesIt() {
        HttpMessage stale = message("https://relay.example/inbox", "new body").withField("Content-Digest", "sha-256=:AAAA:");

        HttpMessage signed = signer.sign(stale).message();

        assertThat(signed.fields().stream().filter(f -> f.name().equals("content-digest")).toList()).hasSize(1);
        assertThat(ContentDigest.findMismatch(signed)).isEmpty();
    }

    @Test
    void sign_sameMessageTwice_usesDifferentNoncesAndSignatures() {
        HttpMessage message = message("https://relay.example/inbox", "same");

        SignedMessage first = signer.sign(message);
        SignedMessage second = signer.sign(message);

        assertThat(first.parameters().nonce()).isNotEqualTo(second.parameters().nonce());
        assertThat(first.signature()).isNotEqualTo(second.signature());
        assertThat(first.parameters().created()).isEqualTo(second.parameters().created());
    }

    static Stream<HttpMessage> messages() {
        return Stream.of(
                message("https://relay.example/agents/ada/inbox", "{\"text\":\"hello\"}"),
                message("https://relay.example:8443/a%20b?x=1&y=%C3%A9", ""),
                HttpMessage.of("PUT", URI.create("http://10.0.0.7/memory/notes"), new byte[] {0, (byte) 0xff, 10, 13}));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void sign_producesASignatureTheJdksOwnEd25519Accepts(HttpMessage message) throws Exception {
        HttpMessage signed = signer.sign(message).message();

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key.publicKey().spki())));
        jdk.update(independentBase(signed).getBytes(StandardCharsets.US_ASCII));

        assertThat(jdk.verify(signatureBytes(signed))).isTrue();
    }

    @Test
    void sign_producesASignatureOpensslAccepts(@TempDir Path dir) throws IOException {
        HttpMessage signed = signer.sign(message("https://relay.example/agents/ada/inbox", "{\"text\":\"hello\"}")).message();
        Path publicKey = Files.writeString(dir.resolve("pub.pem"), key.publicKey().pem());
        Path base = Files.writeString(dir.resolve("base.txt"), independentBase(signed), StandardCharsets.US_ASCII);
        Path signature = Files.write(dir.resolve("sig.bin"), signatureBytes(signed));

        Result accepted = openssl(publicKey, base, signature);
        Files.writeString(base, independentBase(signed).replace("POST", "PUT"), StandardCharsets.US_ASCII);
        Result tampered = openssl(publicKey, base, signature);

        assertThat(accepted.exitCode()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("Signature Verified Successfully");
        assertThat(tampered.exitCode()).as("openssl must reject a changed base").isNotZero();
    }

    @Test
    void constructor_whenTheLifetimeIsUnderASecond_refuses() {
        assertThatThrownBy(() -> new RequestSigner(key, Clock.systemUTC(), Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 second");
    }

    @Test
    void toString_namesTheAgentNotTheKey() {
        assertThat(signer.toString()).contains(key.publicKey().did())
                .doesNotContain(Base64.getEncoder().encodeToString(key.seed()));
    }

    static HttpMessage message(String uri, String body) {
        return HttpMessage.of("POST", URI.create(uri), body.getBytes(StandardCharsets.UTF_8))
                .withField("Content-Type", "application/json");
    }

    /** The signature base written out by hand from RFC 9421 section 2.5, not by {@link SignatureBase}. */
    static String independentBase(HttpMessage signed) {
        String input = signed.field("Signature-Input").orElseThrow();
        assertThat(input).startsWith("sig1=");
        return "\"@method\": " + signed.method() + "\n"
                + "\"@target-uri\": " + signed.targetUri() + "\n"
                + "\"content-digest\": " + signed.field("Content-Digest").orElseThrow() + "\n"
                + "\"@signature-params\": " + input.substring("sig1=".length());
    }

    static byte[] signatureBytes(HttpMessage signed) {
        return Base64.getDecoder().decode(matcher(SIGNATURE, signed.field("Signature").orElseThrow()).group(1));
    }

    private static Matcher matcher(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.matches()).as("%s matches %s", text, pattern).isTrue();
        return matcher;
    }

    private record Result(int exitCode, String output) {
    }

    /** The reference tool; a machine without it fails the test rather than skipping the check. */
    private static Result openssl(Path publicKey, Path base, Path signature) {
        List<String> command = List.of("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(),
                "-rawin", "-in", base.toString(), "-sigfile", signature.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            return fail("install openssl (apt-get install openssl; CI's .ci/run does): cannot run openssl", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("openssl did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return fail("reading openssl's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
