package dev.heartwood.core.memory.redaction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Realistic but fake secrets, built when the test runs so that no real-looking credential or
 * private key is ever committed (and no scanner mistakes the test sources for a leak). Random
 * parts come from a fixed seed, so a failure reproduces.
 */
final class FakeSecrets {

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String BASE64URL = ALNUM + "-_";
    static final String BASE64 = ALNUM + "+/";

    private final Random random;

    FakeSecrets(long seed) {
        this.random = new Random(seed);
    }

    /** AWS's own documented example access key id, assembled so the source does not hold it whole. */
    static String awsAccessKeyId() {
        return "AKIA" + "IOSFODNN7" + "EXAMPLE";
    }

    /** AWS's own documented example secret access key. */
    static String awsSecretKey() {
        return "wJalrXUtnFEMI/K7MDENG" + "/bPxRfiCYEXAMPLEKEY";
    }

    String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A PEM block of the given label ("", "OPENSSH", "RSA", "EC", "ENCRYPTED") around random bytes. */
    String pem(String label, int bodyBytes, int lineLength) {
        return pem(label, bytes(bodyBytes), lineLength);
    }

    /** A freshly generated Ed25519 key in PKCS#8 PEM, as {@code openssl genpkey -algorithm ed25519} writes it. */
    static String ed25519Pem() {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return pem("", pkcs8, 64);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    private static String pem(String label, byte[] body, int lineLength) {
        String kind = (label.isEmpty() ? "" : label + " ") + "PRIVATE KEY";
        String base64 = Base64.getMimeEncoder(lineLength, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(body);
        return "-----BEGIN " + kind + "-----\n" + base64 + "\n-----END " + kind + "-----";
    }

    /** A signed HS256 JWT, header {@code {"alg":"HS256","typ":"JWT"}}. */
    String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString("{\"sub\":\"agent-7f3a\",\"iat\":1763802000,\"scope\":\"memory:write\"}"
                .getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes(32), "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + url.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
