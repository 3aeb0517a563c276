package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bytes a signature is computed over (RFC 9421 section 2.5): one line
 * {@code "name": value} per covered component, then the {@code "@signature-params"} line, with
 * no newline after it. Signer and verifier both build it here, so they cannot drift apart.
 */
final class SignatureBase {

    private SignatureBase() {
    }

    /**
     * @param input the covered components and signature parameters, exactly as they are (or will
     *     be) serialised in {@code Signature-Input}
     * @throws MessageSignatureException if a component is unsupported, repeated, missing from the
     *     message, or has a value that cannot be signed
     */
    static String build(HttpMessage message, InnerList input) {
        StringBuilder base = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (Item item : input.items()) {
            if (!(item.value() instanceof String name) || !item.parameters().isEmpty()) {
                throw new MessageSignatureException("covered component " + StructuredFields.serializeItem(item)
                        + " is not supported: expected a plain name such as \"@method\" or \"content-digest\"");
            }
            if (!seen.add(name)) {
                throw new MessageSignatureException("component " + name + " is covered twice");
            }
            base.append(StructuredFields.serializeString(name)).append(": ").append(value(message, name)).append('\n');
        }
        return base.append("\"@signature-params\": ").append(StructuredFields.serializeInnerList(input)).toString();
    }

    private static String value(HttpMessage message, String name) {
        URI uri = message.targetUri();
        String value = switch (name) {
            case "@method" -> message.method();
            case "@target-uri" -> uri.toASCIIString();
            case "@authority" -> authority(uri);
            case "@scheme" -> uri.getScheme().toLowerCase(Locale.ROOT);
            case "@request-target" -> path(uri) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            case "@path" -> path(uri);
            // An absent query still yields "?" (RFC 9421 section 2.2.7), so "/a" and "/a?" differ.
            case "@query" -> "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
            default -> field(message, name);
        };
        // The base is ASCII by definition; anything else would be signed as bytes the verifier
        // might decode differently.
        if (!value.chars().allMatch(c -> (c >= 0x20 && c <= 0x7e) || c == '\t')) {
            throw new MessageSignatureException("component " + name + " has a value that is not printable ASCII");
        }
        return value;
    }

    private static String field(HttpMessage message, String name) {
        if (name.startsWith("@")) {
            throw new MessageSignatureException("derived component " + name + " is not supported (supported: @method,"
                    + " @target-uri, @authority, @scheme, @request-target, @path, @query)");
        }
        if (!name.chars().allMatch(c -> StructuredFields.isTchar(c) && !(c >= 'A' && c <= 'Z'))) {
            throw new MessageSignatureException("component " + name + " is not a lowercase header name");
        }
        return message.field(name).orElseThrow(() ->
                new MessageSignatureException("covered component " + name + " is not in the message"));
    }

    /** Host in lowercase, port only when it is not the scheme's default (RFC 9421 section 2.2.3). */
    private static String authority(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        int defaultPort = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        return port == -1 || port == defaultPort ? host : host + ":" + port;
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
