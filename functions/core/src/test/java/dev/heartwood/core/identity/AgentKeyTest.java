package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1, 2, 3 and SHA(abc): secret key, public key, message, signature. */
    @ParameterizedTest(name = "RFC 8032 {0}")
    @CsvSource({
            "TEST 1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                    + " d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '',"
                    + " e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            "TEST 2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                    + " 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72,"
                    + " 92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            "TEST 3, c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
                    + " fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025, af82,"
                    + " 6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"})
    void sign_matchesTheRfc8032Vectors(String name, String secret, String publicKey, String message, String signature) {
        AgentKey key = AgentKey.fromSeed(HEX.parseHex(secret));
        byte[] msg = HEX.parseHex(message);

        assertThat(HEX.formatHex(key.publicKey().raw())).isEqualTo(publicKey);
        assertThat(HEX.formatHex(key.sign(msg))).isEqualTo(signature);
        assertThat(key.publicKey().verifies(msg, HEX.parseHex(signature))).isTrue();
    }

    @Test
    void sign_verifiesWithTheJdksOwnEdDsa() throws Exception {
        AgentKey key = AgentKey.generate();
        byte[] message = "independent check".getBytes();

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key.publicKey().spki())));
        jdk.update(message);

        assertThat(jdk.verify(key.sign(message))).isTrue();
    }

    @Test
    void verifies_whenMessageOrSignatureTampered_isFalse() {
        AgentKey key = AgentKey.generate();
        byte[] signature = key.sign("pay 10".getBytes());
        byte[] flipped = signature.clone();
        flipped[5] ^= 1;

        assertThat(key.publicKey().verifies("pay 99".getBytes(), signature)).isFalse();
        assertThat(key.publicKey().verifies("pay 10".getBytes(), flipped)).isFalse();
        assertThat(AgentKey.generate().publicKey().verifies("pay 10".getBytes(), signature)).isFalse();
        assertThat(key.publicKey().verifies("pay 10".getBytes(), new byte[10])).isFalse();
    }

    @Test
    void toString_neverShowsThePrivateKey() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        AgentKey key = AgentKey.fromSeed(seed);

        assertThat(key.toString()).contains("did:key:z6Mk", "redacted")
                .doesNotContain("9d61b19d").doesNotContain(java.util.Base64.getEncoder().encodeToString(seed));
    }

    @Test
    void destroy_zeroesTheKeyAndRefusesToSign() {
        AgentKey key = AgentKey.generate();

        key.destroy();

        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(() -> key.sign(new byte[1])).isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
        assertThatThrownBy(key::seed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fromSeed_whenWrongLength_namesTheExpectedLength() {
        assertThatThrownBy(() -> AgentKey.fromSeed(new byte[31]))
                .hasMessage("an Ed25519 private key is 32 bytes, got 31");
    }
}
