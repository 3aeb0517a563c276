package dev.heartwood.core.identity.signature;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An HTTP request as a signature sees it: method, absolute target URI, header field lines in
 * order, and body bytes. Immutable; the {@code with...} methods return a changed copy.
 *
 * <p>Field names are case-insensitive and kept in lowercase, the form RFC 9421 component names
 * use. A name may repeat (one entry per field line); {@link #field(String)} combines the lines.
 */
public record HttpMessage(String method, URI targetUri, List<Field> fields, byte[] body) {

    /**
     * One header field line. Leading and trailing spaces and tabs are dropped as an HTTP parser
     * would; CR, LF and NUL are refused because they would let one line smuggle in another.
     */
    public record Field(String name, String value) {

        public Field {
            if (name == null || name.isEmpty() || !name.chars().allMatch(StructuredFields::isTchar)) {
                throw new IllegalArgumentException("header name '" + name + "' is not valid: expected an HTTP token");
            }
            name = name.toLowerCase(Locale.ROOT);
            if (value == null) {
                throw new IllegalArgumentException("header " + name + " has no value");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("value of header " + name + " holds CR, LF or NUL");
            }
            value = value.strip();
        }
    }

    public HttpMessage {
        if (method == null || method.isEmpty() || !method.chars().allMatch(StructuredFields::isTchar)) {
            throw new IllegalArgumentException("method '" + method + "' is not valid: expected an HTTP token such as POST");
        }
        if (targetUri == null || !targetUri.isAbsolute() || targetUri.getHost() == null || targetUri.isOpaque()) {
            throw new IllegalArgumentException("target URI '" + targetUri + "' is not valid: expected an absolute"
                    + " http(s) URI with a host, e.g. https://relay.example/inbox");
        }
        fields = List.copyOf(fields);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A request without header fields. */
    public static HttpMessage of(String method, URI targetUri, byte[] body) {
        return new HttpMessage(method, targetUri, List.of(), body);
    }

    public static HttpMessage of(String method, URI targetUri, List<Field> fields, byte[] body) {
        return new HttpMessage(method, targetUri, fields, body);
    }

    /**
     * The field's value as RFC 9421 section 2.1 covers it: the value of every line with that
     * name, in order, joined with {@code ", "}; empty if the message has no such line.
     */
    public Optional<String> field(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = fields.stream().filter(f -> f.name().equals(wanted)).map(Field::value).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** A copy in which {@code value} is the only line named {@code name}, placed last. */
    public HttpMessage withField(String name, String value) {
        Field added = new Field(name, value);
        List<Field> changed = new ArrayList<>(withoutField(name).fields);
        changed.add(added);
        return new HttpMessage(method, targetUri, changed, body);
    }

    /** A copy with every line named {@code name} removed. */
    public HttpMessage withoutField(String name) {
        String unwanted = name.toLowerCase(Locale.ROOT);
        return new HttpMessage(method, targetUri, fields.stream().filter(f -> !f.name().equals(unwanted)).toList(), body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpMessage that && method.equals(that.method) && targetUri.equals(that.targetUri)
                && fields.equals(that.fields) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, targetUri, fields, Arrays.hashCode(body));
    }

    /** Names the headers but leaves out their values and the body, which may carry an agent's memory. */
    @Override
    public String toString() {
        return "HttpMessage[" + method + " " + targetUri + ", headers " + fields.stream().map(Field::name)
                .collect(Collectors.joining(", ", "[", "]")) + ", body " + body.length + " bytes]";
    }
}
