package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AgentPublicKeyTest {

    /** RFC 8032 TEST 1's public key. */
    private final AgentPublicKey key = AgentPublicKey.fromRaw(
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));

    @Test
    void did_isAnEd25519DidKeyThatParsesBack() {
        assertThat(key.did()).startsWith("did:key:z6Mk");
        assertThat(AgentPublicKey.fromDid(key.did())).isEqualTo(key);
    }

    /** did:key documents published by other implementations: the raw key as publicKeyBase58, and its did. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K, did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th",
            "HC8vuuvP8x9kVJizh2eujQjo2JwFQJz6w63szzdbu1Q7, did:key:z6MkvePyWAApUVeDboZhNbckaWHnqtD6pCETd6xoqGbcpEBV"})
    void did_matchesPublishedDidKeyDocuments(String publicKeyBase58, String did) {
        AgentPublicKey published = AgentPublicKey.fromRaw(Base58.decode(publicKeyBase58));

        assertThat(published.did()).isEqualTo(did);
        assertThat(AgentPublicKey.fromDid(did)).isEqualTo(published);
    }

    @Test
    void did_forAGeneratedKey_alwaysRoundTrips() {
        for (int i = 0; i < 50; i++) {
            AgentPublicKey generated = AgentKey.generate().publicKey();
            assertThat(AgentPublicKey.fromDid(generated.did())).isEqualTo(generated);
        }
    }

    @Test
    void pem_isReadByTheJdkAndParsesBack() throws Exception {
        var jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key.spki()));

        assertThat(jdkKey.getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(key.pem()).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA");
        assertThat(AgentPublicKey.fromPem(key.pem())).isEqualTo(key);
    }

    @Test
    void fingerprint_isFourHexGroupsAndStable() {
        assertThat(key.fingerprint()).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}")
                .isEqualTo(AgentPublicKey.fromRaw(key.raw()).fingerprint());
        assertThat(AgentKey.generate().publicKey().fingerprint()).isNotEqualTo(key.fingerprint());
    }

    @Test
    void fromDid_whenNotEd25519_saysWhichKeyTypeWasExpected() {
        // A secp256k1 did:key (multicodec 0xe7 0x01) from the did:key method's examples.
        assertThatThrownBy(() -> AgentPublicKey.fromDid("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"))
                .hasMessageContaining("not an Ed25519 key");
        assertThatThrownBy(() -> AgentPublicKey.fromDid("did:web:example.com")).hasMessageContaining("not a did:key");
    }

    @Test
    void fromRaw_whenWrongLength_isRejected() {
        assertThatThrownBy(() -> AgentPublicKey.fromRaw(new byte[33])).hasMessage("an Ed25519 public key is 32 bytes, got 33");
    }
}
