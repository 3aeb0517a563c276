package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentDigestTest {

    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.US_ASCII);
    private static final String HELLO_SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private static final String HELLO_SHA512 =
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    @Test
    void sha256_ofTheRfc9530Example_isTheRfcValue() {
        assertThat(ContentDigest.sha256(HELLO)).isEqualTo(HELLO_SHA256);
    }

    @Test
    void sha256_ofAnEmptyBody_isTheDigestOfNothing() {
        assertThat(ContentDigest.sha256(new byte[0])).isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sha-256                     | " + HELLO_SHA256,
            "sha-512                     | " + HELLO_SHA512,
            "both                        | " + HELLO_SHA256 + ", " + HELLO_SHA512,
            "sha-256 beside unknown      | md5=:AAAA:, " + HELLO_SHA256})
    void findMismatch_whenTheDigestMatches_isEmpty(String name, String field) {
        assertThat(ContentDigest.findMismatch(message(field, HELLO))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "wrong sha-256           | sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:  | body does not match Content-Digest (sha-256)",
            "one of two wrong        | " + HELLO_SHA256 + ", sha-512=:AAAA:                   | body does not match Content-Digest (sha-512)",
            "only unsupported        | md5=:AAAA:, unixsum=:AAAA:                            | Content-Digest has no supported algorithm (got md5, unixsum; supported: sha-256, sha-512)",
            "not a byte sequence     | sha-256=abc                                           | malformed Content-Digest: sha-256 is not a byte sequence",
            "not a dictionary        | X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=          | malformed Content-Digest: expected a key"})
    void findMismatch_whenTheDigestIsWrong_saysWhy(String name, String field, String reason) {
        assertThat(ContentDigest.findMismatch(message(field, HELLO))).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    }

    @Test
    void findMismatch_whenTheBodyChanged_saysTheBodyDoesNotMatch() {
        assertThat(ContentDigest.findMismatch(message(HELLO_SHA256, "{\"hello\": \"World\"}".getBytes(StandardCharsets.US_ASCII))))
                .contains("body does not match Content-Digest (sha-256)");
    }

    @Test
    void findMismatch_whenTheFieldIsMissing_saysSo() {
        assertThat(ContentDigest.findMismatch(HttpMessage.of("POST", URI.create("https://relay.example/inbox"), HELLO)))
                .contains("missing Content-Digest");
    }

    private static HttpMessage message(String contentDigest, byte[] body) {
        return HttpMessage.of("POST", URI.create("https://relay.example/inbox"), body).withField("Content-Digest", contentDigest);
    }
}
