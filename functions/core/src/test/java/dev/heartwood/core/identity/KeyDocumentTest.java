package dev.heartwood.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KeyDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AgentKey key = AgentKey.generate();
    private final KeyDocument document = new KeyDocument(AgentId.of("agent-7f3a"), key, Instant.parse("2026-11-22T09:00:00Z"));

    @Test
    void parse_readsBackWhatToJsonWrote() {
        KeyDocument parsed = KeyDocument.parse(document.toJson(), "test");

        assertThat(parsed.agent()).isEqualTo(document.agent());
        assertThat(parsed.createdAt()).isEqualTo(document.createdAt());
        assertThat(parsed.key().publicKey()).isEqualTo(key.publicKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "algorithm  | ECDSA                                        | wrong key type 'ECDSA', expected Ed25519",
            "format     | other/9                                      | unsupported key format 'other/9'",
            "privateKey | AAAA                                         | field privateKey: an Ed25519 private key is 32 bytes, got 3",
            "privateKey | !!notbase64                                  | field privateKey is not base64",
            "publicKey  | 11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo= | privateKey does not match publicKey",
            "keyId      | did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK | keyId does not match publicKey",
            "createdAt  | yesterday                                    | field createdAt is not an ISO-8601 instant",
            "agentId    | Agent 7                                      | field agentId: agent id 'Agent 7' is not valid"})
    void parse_whenAFieldIsWrong_namesItAndTheSource(String field, String value, String expected) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(document.toJson());
        node.put(field, value);

        assertThatThrownBy(() -> KeyDocument.parse(node.toString().getBytes(StandardCharsets.UTF_8), "secret s1"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("secret s1: ")
                .hasMessageContaining(expected);
    }

    @Test
    void parse_whenAFieldIsMissing_namesIt() throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(document.toJson());
        node.remove("privateKey");

        assertThatThrownBy(() -> KeyDocument.parse(node.toString().getBytes(StandardCharsets.UTF_8), "file k.json"))
                .hasMessage("file k.json: corrupt key JSON (missing field privateKey)");
    }

    @Test
    void parse_whenJsonIsBroken_neverQuotesTheKey() {
        String json = new String(document.toJson(), StandardCharsets.UTF_8);
        String truncated = json.substring(0, json.length() - 3);
        String seed = Base64.getEncoder().encodeToString(key.seed());

        assertThatThrownBy(() -> KeyDocument.parse(truncated.getBytes(StandardCharsets.UTF_8), "secret s1"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("secret s1: corrupt key JSON (not valid JSON near line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(seed.substring(0, 12)));
    }

    @Test
    void toString_neverShowsThePrivateKey() {
        String seed = Base64.getEncoder().encodeToString(key.seed());

        assertThat(document.toString()).doesNotContain(seed).contains(key.publicKey().did());
    }
}
