package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.signature.HttpMessage.Field;
import dev.heartwood.core.identity.signature.Verification.Rejected;
import dev.heartwood.core.identity.signature.Verification.Verified;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 9421 Appendix B.2.6, "Signing a Request Using ed25519": Ed25519 is deterministic, so our
 * signature base and signature must equal the RFC's byte for byte, and the RFC's must verify.
 */
class Rfc9421ExampleTest {

    /** Appendix B.1.4, test-key-ed25519: PKCS#8 private key and SubjectPublicKeyInfo public key. */
    static final String PRIVATE_KEY_PKCS8 = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
    static final String PUBLIC_KEY_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
            -----END PUBLIC KEY-----
            """;
    /** Appendix B.2: the test request (its body is the 18 bytes {"hello": "world"}). */
    static final HttpMessage REQUEST = HttpMessage.of("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"),
            List.of(new Field("Host", "example.com"),
                    new Field("Date", "Tue, 20 Apr 2021 02:07:55 GMT"),
                    new Field("Content-Type", "application/json"),
                    new Field("Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"),
                    new Field("Content-Length", "18")),
            "{\"hello\": \"world\"}".getBytes(StandardCharsets.US_ASCII));
    /** Appendix B.2.6, with the RFC 8792 line wrapping undone. */
    static final List<String> COVERED = List.of("date", "@method", "@path", "@authority", "content-type", "content-length");
    static final String SIGNATURE_BASE = """
            "date": Tue, 20 Apr 2021 02:07:55 GMT
            "@method": POST
            "@path": /foo
            "@authority": example.com
            "content-type": application/json
            "content-length": 18
            "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519\"""";
    static final String SIGNATURE_INPUT =
            "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473"
                    + ";keyid=\"test-key-ed25519\"";
    static final String SIGNATURE =
            "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

    private static final AgentKey TEST_KEY = testKey();
    private static final SignatureParameters PARAMETERS = new SignatureParameters(
            COVERED, Instant.ofEpochSecond(1618884473), null, null, "test-key-ed25519", null);
    private static final KeyResolver RFC_KEYS = keyId -> keyId.equals("test-key-ed25519")
            ? Optional.of(AgentPublicKey.fromPem(PUBLIC_KEY_PEM)) : Optional.empty();

    /** The PKCS#8 of an Ed25519 key is a fixed 16-byte header followed by the 32-byte private key. */
    private static AgentKey testKey() {
        byte[] der = Base64.getDecoder().decode(PRIVATE_KEY_PKCS8);
        assertThat(HexFormat.of().formatHex(der, 0, 16)).isEqualTo("302e020100300506032b657004220420");
        return AgentKey.fromSeed(Arrays.copyOfRange(der, 16, der.length));
    }

    @Test
    void testKey_privateAndPublicHalvesFromTheRfcBelongTogether() {
        assertThat(TEST_KEY.publicKey()).isEqualTo(AgentPublicKey.fromPem(PUBLIC_KEY_PEM));
    }

    @Test
    void sign_withTheRfcParameters_buildsTheRfcSignatureBaseByteForByte() {
        SignedMessage signed = MessageSignatures.sign(REQUEST, "sig-b26", PARAMETERS, TEST_KEY);

        assertThat(signed.signatureBase().getBytes(StandardCharsets.US_ASCII))
                .isEqualTo(SIGNATURE_BASE.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sign_withTheRfcParameters_producesTheRfcSignatureInputAndSignature() {
        HttpMessage signed = MessageSignatures.sign(REQUEST, "sig-b26", PARAMETERS, TEST_KEY).message();

        assertThat(signed.field("Signature-Input")).contains(SIGNATURE_INPUT);
        assertThat(signed.field("Signature")).contains(SIGNATURE);
    }

    @Test
    void verify_theRfcSignedRequest_isVerified() {
        HttpMessage received = REQUEST.withField("Signature-Input", SIGNATURE_INPUT).withField("Signature", SIGNATURE);

        Verification verification = MessageSignatures.verify(received, "sig-b26", COVERED, RFC_KEYS);

        assertThat(verification).isEqualTo(new Verified("test-key-ed25519", null, Instant.ofEpochSecond(1618884473), null));
    }

    @Test
    void verify_theRfcSignedRequestWithATamperedCoveredDate_isRejected() {
        HttpMessage received = REQUEST.withField("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
                .withField("Signature-Input", SIGNATURE_INPUT).withField("Signature", SIGNATURE);

        assertThat(MessageSignatures.verify(received, "sig-b26", COVERED, RFC_KEYS)).isEqualTo(
                new Rejected("signature does not verify with key " + TEST_KEY.publicKey().did()));
    }

    @Test
    void verify_whenARequiredComponentIsNotCovered_isRejectedNamingIt() {
        HttpMessage received = REQUEST.withField("Signature-Input", SIGNATURE_INPUT).withField("Signature", SIGNATURE);

        assertThat(MessageSignatures.verify(received, "sig-b26", List.of("@method", "content-digest"), RFC_KEYS))
                .isEqualTo(new Rejected("missing component content-digest"));
    }

    @Test
    void contentDigest_ofTheRfcRequest_matchesItsSha512Entry() {
        assertThat(ContentDigest.findMismatch(REQUEST)).isEmpty();
        HttpMessage otherBody = HttpMessage.of(REQUEST.method(), REQUEST.targetUri(), REQUEST.fields(),
                "{\"hello\": \"World\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(ContentDigest.findMismatch(otherBody)).contains("body does not match Content-Digest (sha-512)");
    }
}
