package dev.heartwood.core.identity.signature;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The part of RFC 8941 Structured Field Values that signatures use: dictionaries whose members
 * are items or inner lists, with parameters, over strings, tokens, integers, byte sequences and
 * booleans. Bare item values are {@link String}, {@link Long}, {@link Boolean}, {@link Token} or
 * {@link ByteSequence}.
 *
 * <p>Parsing is strict: anything RFC 8941 would reject is rejected, and so are decimals (no
 * signature field uses them) and repeated keys. RFC 8941 lets a repeated key silently replace
 * the earlier one; for a signature that would mean re-serialising something other than what the
 * signer wrote, so a field that says two things is refused instead of guessed at.
 */
final class StructuredFields {

    /** RFC 8941 integers have at most 15 digits. */
    private static final long MAX_INTEGER = 999_999_999_999_999L;

    private StructuredFields() {
    }

    /** A token item, kept apart from {@link String} because it serialises without quotes. */
    record Token(String value) {
    }

    /** A byte sequence item. */
    record ByteSequence(byte[] bytes) {
        ByteSequence {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByteSequence that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
        }
    }

    record Parameter(String key, Object value) {
    }

    /** A dictionary member: an {@link Item} or an {@link InnerList}. */
    sealed interface Member permits Item, InnerList {
        List<Parameter> parameters();

        default Optional<Object> parameter(String key) {
            return parameters().stream().filter(p -> p.key().equals(key)).map(Parameter::value).findFirst();
        }
    }

    record Item(Object value, List<Parameter> parameters) implements Member {
        Item {
            parameters = List.copyOf(parameters);
        }
    }

    record InnerList(List<Item> items, List<Parameter> parameters) implements Member {
        InnerList {
            items = List.copyOf(items);
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Parses a dictionary field value, keeping member order.
     *
     * @param field the field's name, for the error message
     * @throws MessageSignatureException naming the field and the first thing that is wrong
     */
    static Map<String, Member> parseDictionary(String field, String value) {
        return new StructuredFieldParser(field, value).dictionary();
    }

    static String serializeDictionary(Map<String, ? extends Member> dictionary) {
        return dictionary.entrySet().stream().map(e -> serializeKey(e.getKey()) + switch (e.getValue()) {
            case Item item when Boolean.TRUE.equals(item.value()) -> serializeParameters(item.parameters());
            case Item item -> "=" + serializeItem(item);
            case InnerList list -> "=" + serializeInnerList(list);
        }).collect(Collectors.joining(", "));
    }

    static String serializeInnerList(InnerList list) {
        return list.items().stream().map(StructuredFields::serializeItem).collect(Collectors.joining(" ", "(", ")"))
                + serializeParameters(list.parameters());
    }

    static String serializeItem(Item item) {
        return serializeBareItem(item.value()) + serializeParameters(item.parameters());
    }

    static String serializeParameters(List<Parameter> parameters) {
        StringBuilder out = new StringBuilder();
        for (Parameter parameter : parameters) {
            out.append(';').append(serializeKey(parameter.key()));
            if (!Boolean.TRUE.equals(parameter.value())) {
                out.append('=').append(serializeBareItem(parameter.value()));
            }
        }
        return out.toString();
    }

    static String serializeBareItem(Object value) {
        return switch (value) {
            case String text -> serializeString(text);
            case Long number when number >= -MAX_INTEGER && number <= MAX_INTEGER -> number.toString();
            case Boolean flag -> flag ? "?1" : "?0";
            case Token token when isToken(token.value()) -> token.value();
            case ByteSequence bytes -> bytes.toString();
            default -> throw new IllegalArgumentException("not a structured field value: " + value);
        };
    }

    static String serializeString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("a structured field string holds printable ASCII only, got " + text);
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    static boolean isKey(String key) {
        if (key.isEmpty() || !(isLowerAlpha(key.charAt(0)) || key.charAt(0) == '*')) {
            return false;
        }
        return key.chars().allMatch(c -> isLowerAlpha(c) || isDigit(c) || "_-.*".indexOf(c) >= 0);
    }

    static boolean isToken(String token) {
        if (token.isEmpty() || !(isAlpha(token.charAt(0)) || token.charAt(0) == '*')) {
            return false;
        }
        return token.chars().allMatch(c -> isTchar(c) || c == ':' || c == '/');
    }

    private static String serializeKey(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a structured field key: " + key);
        }
        return key;
    }

    static boolean isLowerAlpha(int c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlpha(int c) {
        return isLowerAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 tchar. */
    static boolean isTchar(int c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
