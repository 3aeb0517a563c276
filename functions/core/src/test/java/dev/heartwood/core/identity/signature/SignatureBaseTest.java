package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.signature.HttpMessage.Field;
import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Parameter;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureBaseTest {

    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource(delimiter = '|', value = {
            "https://Relay.Example:443/inbox?a=1&b=%20 | @authority     | relay.example",
            "http://relay.example:80/                   | @authority     | relay.example",
            "https://relay.example:8443/x               | @authority     | relay.example:8443",
            "HTTPS://relay.example/x                    | @scheme        | https",
            "https://relay.example/a%2Fb?q=%C3%A9       | @path          | /a%2Fb",
            "https://relay.example                      | @path          | /",
            "https://relay.example/a%2Fb?q=%C3%A9       | @query         | ?q=%C3%A9",
            "https://relay.example/a                    | @query         | ?",
            "https://relay.example/a?                   | @query         | ?",
            "https://relay.example/a?x=1                | @request-target | /a?x=1",
            "https://relay.example/a                    | @request-target | /a",
            "https://relay.example:8443/a?x=1           | @target-uri    | https://relay.example:8443/a?x=1"})
    void build_derivesEachComponentFromTheTargetUri(String uri, String component, String value) {
        HttpMessage message = HttpMessage.of("POST", URI.create(uri), new byte[0]);

        assertThat(SignatureBase.build(message, input(component)))
                .isEqualTo("\"" + component + "\": " + value + "\n\"@signature-params\": (\"" + component + "\");created=1");
    }

    @Test
    void build_combinesRepeatedHeaderLinesAndIgnoresNameCase() {
        HttpMessage message = HttpMessage.of("GET", URI.create("https://relay.example/"),
                List.of(new Field("Cache-Control", "  max-age=60 "), new Field("X-Other", "x"), new Field("cache-control", "must-revalidate")),
                new byte[0]);

        assertThat(SignatureBase.build(message, input("@method", "cache-control")))
                .isEqualTo("\"@method\": GET\n\"cache-control\": max-age=60, must-revalidate\n"
                        + "\"@signature-params\": (\"@method\" \"cache-control\");created=1");
    }

    @Test
    void build_whenACoveredHeaderIsMissing_namesIt() {
        assertThatThrownBy(() -> SignatureBase.build(message(), input("date")))
                .isInstanceOf(MessageSignatureException.class)
                .hasMessage("covered component date is not in the message");
    }

    @Test
    void build_whenAComponentRepeats_refuses() {
        assertThatThrownBy(() -> SignatureBase.build(message(), input("@method", "@method")))
                .hasMessage("component @method is covered twice");
    }

    @Test
    void build_whenADerivedComponentIsUnknown_refuses() {
        assertThatThrownBy(() -> SignatureBase.build(message(), input("@status")))
                .hasMessageStartingWith("derived component @status is not supported");
        assertThatThrownBy(() -> SignatureBase.build(message(), input("@signature-params")))
                .hasMessageStartingWith("derived component @signature-params is not supported");
    }

    @Test
    void build_whenAValueIsNotAscii_refuses() {
        HttpMessage message = message().withField("X-Name", "Zoë");

        assertThatThrownBy(() -> SignatureBase.build(message, input("x-name")))
                .hasMessage("component x-name has a value that is not printable ASCII");
    }

    @Test
    void build_whenAComponentHasParameters_refuses() {
        InnerList input = new InnerList(List.of(new Item("content-digest", List.of(new Parameter("req", true)))), List.of());

        assertThatThrownBy(() -> SignatureBase.build(message(), input))
                .hasMessageContaining("\"content-digest\";req is not supported");
    }

    private static HttpMessage message() {
        return HttpMessage.of("POST", URI.create("https://relay.example/inbox"), new byte[0]);
    }

    private static InnerList input(String... components) {
        return new InnerList(List.of(components).stream().map(c -> new Item(c, List.of())).toList(),
                List.of(new Parameter("created", 1L)));
    }
}
