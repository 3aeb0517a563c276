package dev.heartwood.core.identity.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartwood.core.identity.signature.HttpMessage.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpMessageTest {

    private static final URI INBOX = URI.create("https://relay.example/inbox");

    @Test
    void field_joinsEveryLineOfThatNameInOrderWhateverItsCase() {
        HttpMessage message = HttpMessage.of("GET", INBOX, List.of(new Field("Accept", "text/plain"),
                new Field("X-Other", "x"), new Field("ACCEPT", "  application/json\t")), null);

        assertThat(message.field("accept")).contains("text/plain, application/json");
        assertThat(message.field("Missing")).isEmpty();
    }

    @Test
    void withField_replacesEveryLineOfThatNameAndWithoutFieldRemovesThem() {
        HttpMessage message = HttpMessage.of("GET", INBOX, List.of(new Field("Accept", "a"), new Field("Accept", "b")), null);

        assertThat(message.withField("accept", "c").fields()).containsExactly(new Field("accept", "c"));
        assertThat(message.withoutField("ACCEPT").fields()).isEmpty();
        assertThat(message.fields()).hasSize(2);
    }

    @Test
    void body_isCopiedInAndOut() {
        byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
        HttpMessage message = HttpMessage.of("POST", INBOX, body);

        body[0] = 'J';
        message.body()[1] = 'A';

        assertThat(message.body()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
        assertThat(message).isEqualTo(HttpMessage.of("POST", INBOX, "hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void toString_leavesOutHeaderValuesAndTheBody() {
        HttpMessage message = HttpMessage.of("POST", INBOX, "secret memory".getBytes(StandardCharsets.UTF_8))
                .withField("Authorization", "Bearer abc");

        assertThat(message.toString()).contains("authorization", "13 bytes").doesNotContain("secret", "Bearer");
    }

    @Test
    void field_whenTheValueCouldSmuggleAnotherLine_isRefused() {
        assertThatThrownBy(() -> new Field("X-A", "one\r\nX-B: two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value of header x-a holds CR, LF or NUL");
        assertThatThrownBy(() -> new Field("bad name", "x")).hasMessageContaining("expected an HTTP token");
    }

    @Test
    void of_whenTheTargetUriIsRelativeOrTheMethodIsNotAToken_isRefused() {
        assertThatThrownBy(() -> HttpMessage.of("POST", URI.create("/inbox"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> HttpMessage.of("PO ST", INBOX, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method 'PO ST' is not valid");
    }
}
