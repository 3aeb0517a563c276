package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.signature.StructuredFields.ByteSequence;
import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Member;
import dev.heartwood.core.identity.signature.StructuredFields.Parameter;
import dev.heartwood.core.identity.signature.StructuredFields.Token;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructuredFieldsTest {

    @Test
    void parseDictionary_withEveryItemTypeSignaturesUse_readsThemInOrder() {
        Map<String, Member> dictionary = StructuredFields.parseDictionary("Signature-Input",
                "sig1=(\"@method\" \"content-digest\");created=1618884473;keyid=\"k \\\"1\\\"\";alg=ed25519;neg=-5;ok,"
                        + " sig2=:AAEC/w==:;req");

        assertThat(dictionary.keySet()).containsExactly("sig1", "sig2");
        assertThat(dictionary.get("sig1")).isEqualTo(new InnerList(
                List.of(new Item("@method", List.of()), new Item("content-digest", List.of())),
                List.of(new Parameter("created", 1618884473L), new Parameter("keyid", "k \"1\""),
                        new Parameter("alg", new Token("ed25519")), new Parameter("neg", -5L),
                        new Parameter("ok", true))));
        assertThat(dictionary.get("sig2")).isEqualTo(new Item(new ByteSequence(new byte[] {0, 1, 2, -1}),
                List.of(new Parameter("req", true))));
    }

    @Test
    void serializeDictionary_ofAParsedField_isItsCanonicalForm() {
        String loose = "  a=( \"x\"   \"y\" );p=?0 ,\tb, c=tok/en:1;q=\"\\\\\"  ";

        String canonical = StructuredFields.serializeDictionary(StructuredFields.parseDictionary("Test", loose));

        assertThat(canonical).isEqualTo("a=(\"x\" \"y\");p=?0, b, c=tok/en:1;q=\"\\\\\"");
        assertThat(StructuredFields.serializeDictionary(StructuredFields.parseDictionary("Test", canonical)))
                .isEqualTo(canonical);
    }

    @Test
    void parseDictionary_withAnEmptyField_isEmpty() {
        assertThat(StructuredFields.parseDictionary("Test", "   ")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "trailing comma          | a=1,                 | trailing ','",
            "missing comma           | a=1 b=2              | expected ',' after member a",
            "uppercase key           | Sig1=1               | expected a key",
            "repeated key            | a=1, a=2             | key a appears twice",
            "repeated parameter      | a=1;p=1;p=2          | parameter p appears twice",
            "unclosed inner list     | a=(\"x\"             | inner list is not closed",
            "items not separated     | a=(\"x\"\"y\")       | expected ' ' or ')' between inner list items",
            "unclosed string         | a=\"abc              | string is not closed",
            "bad escape              | a=\"a\\nb\"          | only \\\" and \\\\ may be escaped",
            "non-ASCII in string     | a=\"é\"              | not printable ASCII",
            "decimal                 | a=1.5                | decimals are not supported",
            "sixteen-digit integer   | a=1234567890123456   | more than 15 digits",
            "lone minus              | a=-                  | expected a digit",
            "bad base64              | a=:ab*c:             | not base64",
            "truncated base64        | a=:abcde:            | not valid base64",
            "unclosed byte sequence  | a=:AAEC              | byte sequence is not closed",
            "bad boolean             | a=?2                 | a boolean is ?0 or ?1",
            "missing value           | a=                   | expected a value",
            "stray character         | a=@x                 | unexpected character '@'",
            "garbage                 | %%%                  | expected a key"})
    void parseDictionary_whenMalformed_namesTheFieldAndTheProblem(String name, String value, String problem) {
        assertThatThrownBy(() -> StructuredFields.parseDictionary("Signature-Input", value))
                .isInstanceOf(MessageSignatureException.class)
                .hasMessageStartingWith("malformed Signature-Input: ")
                .hasMessageContaining(problem);
    }

    @Test
    void serializeString_escapesQuotesAndBackslashesAndRefusesControlCharacters() {
        assertThat(StructuredFields.serializeString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThatThrownBy(() -> StructuredFields.serializeString("line\nbreak"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
