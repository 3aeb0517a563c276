package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.signature.Verification.Rejected;
import dev.heartwood.core.identity.signature.Verification.Verified;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestVerifierTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final AgentKey ADA = AgentKey.generate();
    private static final AgentKey BOB = AgentKey.generate();
    private static final AgentKey STRANGER = AgentKey.generate();
    private static final KeyResolver KNOWN = keyId -> Optional.ofNullable(Map.of(
            ADA.publicKey().did(), ADA.publicKey(), BOB.publicKey().did(), BOB.publicKey()).get(keyId));
    private static final HttpMessage MESSAGE = RequestSignerTest.message("https://relay.example/agents/bob/inbox",
            "{\"text\":\"hello bob\"}");
    private static final SignedMessage SIGNED = signer(ADA).sign(MESSAGE);

    private final RequestVerifier verifier = verifierAt(SIGNED_AT.plusSeconds(10));

    @Test
    void verify_whenSignedByAKnownAgent_isVerifiedWithKeyIdNonceAndTimes() {
        Verification verification = verifier.verify(SIGNED.message());

        switch (verification) {
            case Verified verified -> assertThat(verified).isEqualTo(new Verified(ADA.publicKey().did(),
                    SIGNED.parameters().nonce(), SIGNED_AT, SIGNED_AT.plus(Duration.ofMinutes(5))));
            case Rejected rejected -> fail("expected Verified, got " + rejected);
        }
    }

    static Stream<Arguments> tamperings() {
        String ada = ADA.publicKey().did();
        String nonce = SIGNED.parameters().nonce();
        long created = SIGNED_AT.getEpochSecond();
        long expires = created + 300;
        String adaFails = "signature does not verify with key " + ada;
        byte[] otherBody = "{\"text\":\"pay mallory\"}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                tampering("body changed", m -> body(m, otherBody), "body does not match Content-Digest (sha-256)"),
                tampering("body and its digest changed", m -> body(m, otherBody)
                        .withField("Content-Digest", ContentDigest.sha256(otherBody)), adaFails),
                tampering("method changed", m -> HttpMessage.of("PUT", m.targetUri(), m.fields(), m.body()), adaFails),
                tampering("path changed", m -> uri(m, "https://relay.example/agents/eve/inbox"), adaFails),
                tampering("query added", m -> uri(m, "https://relay.example/agents/bob/inbox?copy=eve"), adaFails),
                tampering("host changed", m -> uri(m, "https://relay.evil/agents/bob/inbox"), adaFails),
                tampering("scheme changed", m -> uri(m, "http://relay.example/agents/bob/inbox"), adaFails),
                tampering("created changed", input("created=" + created, "created=" + (created - 1)), adaFails),
                tampering("expires extended", input("expires=" + expires, "expires=" + (expires + 3600)), adaFails),
                tampering("nonce changed", input(nonce, (nonce.charAt(0) == 'A' ? "B" : "A") + nonce.substring(1)), adaFails),
                tampering("keyid swapped to another known agent", input(ada, BOB.publicKey().did()),
                        "signature does not verify with key " + BOB.publicKey().did()),
                tampering("keyid swapped to an unknown agent", input(ada, STRANGER.publicKey().did()),
                        "unknown keyid " + STRANGER.publicKey().did()),
                tampering("signature made by another key", m -> m.withField("Signature",
                        signer(BOB).sign(MESSAGE).message().field("Signature").orElseThrow()), adaFails),
                tampering("signature bit flipped", m -> m.withField("Signature", flipBit(m)), adaFails),
                tampering("signature too short", m -> m.withField("Signature", "sig1=:AAAA:"), adaFails),
                tampering("content-digest not covered", input(" \"content-digest\")", ")"), "missing component content-digest"),
                tampering("@target-uri not covered", input(" \"@target-uri\"", ""), "missing component @target-uri"),
                tampering("nonce removed", input(";nonce=\"" + nonce + "\"", ""), "missing parameter nonce"),
                tampering("expires removed", input(";expires=" + expires, ""), "missing parameter expires"),
                tampering("created removed", input(";created=" + created, ""), "missing parameter created"),
                tampering("keyid removed", input(";keyid=\"" + ada + "\"", ""), "missing parameter keyid"),
                tampering("expires before created", input("expires=" + expires, "expires=" + (created - 1)),
                        "expires 2026-03-01T11:59:59Z is not after created 2026-03-01T12:00:00Z"),
                tampering("alg changed", input("alg=\"ed25519\"", "alg=\"rsa-pss-sha512\""),
                        "unsupported alg rsa-pss-sha512, expected ed25519"),
                tampering("Content-Digest removed", m -> m.withoutField("Content-Digest"),
                        "covered component content-digest is not in the message"),
                tampering("Signature-Input missing", m -> m.withoutField("Signature-Input"), "missing Signature-Input"),
                tampering("Signature missing", m -> m.withoutField("Signature"), "missing Signature"),
                tampering("Signature-Input garbage", m -> m.withField("Signature-Input", "}}not a dictionary{{"),
                        "malformed Signature-Input: expected a key"),
                tampering("Signature garbage", m -> m.withField("Signature", "sig1=:notbase64!:"),
                        "malformed Signature: byte sequence holds '!'"),
                tampering("wrong label", m -> m.withField("Signature-Input", m.field("Signature-Input").orElseThrow()
                        .replace("sig1=", "sig2=")), "no signature labelled sig1 in Signature-Input (found [sig2])"),
                tampering("label missing from Signature", m -> m.withField("Signature", "sig2=:AAAA:"),
                        "no signature labelled sig1 in Signature (found [sig2])"),
                tampering("Signature-Input member not an inner list", m -> m.withField("Signature-Input", "sig1=\"x\""),
                        "malformed Signature-Input: sig1 is not an inner list"),
                tampering("Signature member not a byte sequence", m -> m.withField("Signature", "sig1=\"x\""),
                        "malformed Signature: sig1 is not a byte sequence"),
                tampering("component as a token", input("\"@method\"", "method"),
                        "malformed Signature-Input: covered component method is not a string"),
                tampering("component with parameters", input("\"content-digest\"", "\"content-digest\";req"),
                        "malformed Signature-Input: component parameters are not supported"),
                tampering("created as a string", input("created=" + created, "created=\"" + created + "\""),
                        "malformed Signature-Input: parameter created must be an integer"),
                tampering("parameter repeated", input("alg=\"ed25519\"", "alg=\"ed25519\";alg=\"ed25519\""),
                        "malformed Signature-Input: parameter alg appears twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void verify_whenTampered_isRejectedNamingTheProblem(String name, UnaryOperator<HttpMessage> tamper, String reason) {
        HttpMessage tampered = tamper.apply(SIGNED.message());

        assertThat(tampered).isNotEqualTo(SIGNED.message());
        assertThat(verifier.verify(tampered)).isInstanceOf(Rejected.class)
                .extracting(v -> ((Rejected) v).reason()).asString().startsWith(reason);
    }

    @Test
    void verify_untilTheMomentItExpires_isVerifiedAndThenRejected() {
        assertThat(verifierAt(SIGNED_AT.plusSeconds(300)).verify(SIGNED.message())).isInstanceOf(Verified.class);
        assertThat(verifierAt(SIGNED_AT.plusSeconds(300).plusMillis(1)).verify(SIGNED.message()))
                .isEqualTo(new Rejected("expired at 2026-03-01T12:05:00Z"));
    }

    @Test
    void verify_whenCreatedAheadOfOurClock_isVerifiedWithinTheSkewAndRejectedBeyondIt() {
        assertThat(verifierAt(SIGNED_AT.minusSeconds(30)).verify(SIGNED.message())).isInstanceOf(Verified.class);
        assertThat(verifierAt(SIGNED_AT.minusSeconds(31)).verify(SIGNED.message())).isEqualTo(new Rejected(
                "created in the future: created 2026-03-01T12:00:00Z, now 2026-03-01T11:59:29Z"));
        assertThat(new RequestVerifier(KNOWN, Clock.fixed(SIGNED_AT.minusSeconds(1), ZoneOffset.UTC), Duration.ZERO)
                .verify(SIGNED.message())).isInstanceOf(Rejected.class);
    }

    @Test
    void verify_whenNoKeyIsKnown_isRejectedAsUnknownKeyId() {
        RequestVerifier knowsNobody = new RequestVerifier(keyId -> Optional.empty(), Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

        assertThat(knowsNobody.verify(SIGNED.message())).isEqualTo(new Rejected("unknown keyid " + ADA.publicKey().did()));
    }

    @Test
    void verify_whenAnotherSignatureIsPresentToo_checksOurs() {
        HttpMessage twoSignatures = SIGNED.message()
                .withField("Signature-Input", "proxy=(\"@method\");created=1, " + SIGNED.message().field("Signature-Input").orElseThrow())
                .withField("Signature", SIGNED.message().field("Signature").orElseThrow() + ", proxy=:AAAA:");

        assertThat(verifier.verify(twoSignatures)).isInstanceOf(Verified.class);
    }

    @Test
    void verify_whenAnotherSignerOrdersTheParametersDifferently_rebuildsTheBaseAsReceived() {
        String params = "(\"content-digest\" \"@target-uri\" \"@method\");keyid=\"" + ADA.publicKey().did()
                + "\";nonce=\"independent-nonce-0001\";expires=" + (SIGNED_AT.getEpochSecond() + 60)
                + ";created=" + SIGNED_AT.getEpochSecond() + ";tag=\"heartwood\"";
        HttpMessage message = MESSAGE.withField("Content-Digest", ContentDigest.sha256(MESSAGE.body()));
        String base = "\"content-digest\": " + message.field("Content-Digest").orElseThrow() + "\n"
                + "\"@target-uri\": " + message.targetUri() + "\n"
                + "\"@method\": POST\n"
                + "\"@signature-params\": " + params;
        String signature = Base64.getEncoder().encodeToString(ADA.sign(base.getBytes(StandardCharsets.US_ASCII)));

        Verification verification = verifier.verify(message.withField("Signature-Input", "sig1=" + params)
                .withField("Signature", "sig1=:" + signature + ":"));

        assertThat(verification).isEqualTo(new Verified(ADA.publicKey().did(), "independent-nonce-0001", SIGNED_AT,
                SIGNED_AT.plusSeconds(60)));
    }

    @Test
    void verify_whateverTheSignatureFieldsHold_neverThrows() {
        Random random = new Random(9421);
        String input = SIGNED.message().field("Signature-Input").orElseThrow();
        String signature = SIGNED.message().field("Signature").orElseThrow();
        for (int i = 0; i < 5000; i++) {
            HttpMessage mutated = SIGNED.message()
                    .withField("Signature-Input", i % 3 == 1 ? input : mutate(input, random))
                    .withField("Signature", i % 3 == 2 ? signature : mutate(signature, random));

            assertThatCode(() -> verifier.verify(mutated)).as("fields %s", mutated.fields()).doesNotThrowAnyException();
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0 && !out.isEmpty(); edits--) {
            int at = random.nextInt(out.length());
            // Mostly the characters that matter to the grammar, sometimes anything printable or not.
            char c = random.nextInt(4) == 0 ? (char) random.nextInt(0x250) : "\"();=:, \\?-*1aZ/+".charAt(random.nextInt(17));
            switch (random.nextInt(4)) {
                case 0 -> out.setCharAt(at, c);
                case 1 -> out.insert(at, c);
                case 2 -> out.deleteCharAt(at);
                default -> out.setLength(at);
            }
        }
        return out.toString().replaceAll("[\\r\\n\\x00]", " ");
    }

    private static Arguments tampering(String name, UnaryOperator<HttpMessage> tamper, String reason) {
        return Arguments.of(name, tamper, reason);
    }

    private static UnaryOperator<HttpMessage> input(String from, String to) {
        return m -> {
            String input = m.field("Signature-Input").orElseThrow();
            assertThat(input).contains(from);
            return m.withField("Signature-Input", input.replace(from, to));
        };
    }

    private static HttpMessage body(HttpMessage m, byte[] body) {
        return HttpMessage.of(m.method(), m.targetUri(), m.fields(), body);
    }

    private static HttpMessage uri(HttpMessage m, String uri) {
        return HttpMessage.of(m.method(), URI.create(uri), m.fields(), m.body());
    }

    private static String flipBit(HttpMessage m) {
        byte[] signature = RequestSignerTest.signatureBytes(m);
        signature[10] ^= 1;
        return "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":";
    }

    private static RequestSigner signer(AgentKey key) {
        return new RequestSigner(key, Clock.fixed(SIGNED_AT, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private static RequestVerifier verifierAt(Instant now) {
        return new RequestVerifier(KNOWN, Clock.fixed(now, ZoneOffset.UTC));
    }
}
