package dev.heartwood.core.identity.signature;

import static dev.heartwood.core.identity.signature.StructuredFields.isAlpha;
import static dev.heartwood.core.identity.signature.StructuredFields.isDigit;
import static dev.heartwood.core.identity.signature.StructuredFields.isLowerAlpha;
import static dev.heartwood.core.identity.signature.StructuredFields.isTchar;

import dev.heartwood.core.identity.signature.StructuredFields.ByteSequence;
import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Member;
import dev.heartwood.core.identity.signature.StructuredFields.Parameter;
import dev.heartwood.core.identity.signature.StructuredFields.Token;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser following the algorithms of RFC 8941 section 4.2, for the subset
 * {@link StructuredFields} describes. Every failure is a {@link MessageSignatureException} naming
 * the field and the character where parsing stopped, never an index or number exception.
 */
final class StructuredFieldParser {

    private final String field;
    private final String input;
    private int pos;

    StructuredFieldParser(String field, String input) {
        this.field = field;
        this.input = input;
    }

    Map<String, Member> dictionary() {
        Map<String, Member> members = new LinkedHashMap<>();
        skipSpaces();
        while (!atEnd()) {
            String key = key();
            Member member;
            if (next('=')) {
                member = !atEnd() && peek() == '(' ? innerList() : item();
            } else {
                member = new Item(Boolean.TRUE, parameters());
            }
            if (members.putIfAbsent(key, member) != null) {
                throw fail("key " + key + " appears twice");
            }
            skipOptionalWhitespace();
            if (atEnd()) {
                break;
            }
            if (!next(',')) {
                throw fail("expected ',' after member " + key);
            }
            skipOptionalWhitespace();
            if (atEnd()) {
                throw fail("trailing ','");
            }
        }
        return members;
    }

    private InnerList innerList() {
        pos++; // the '('
        List<Item> items = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (atEnd()) {
                throw fail("inner list is not closed with ')'");
            }
            if (next(')')) {
                return new InnerList(items, parameters());
            }
            items.add(item());
            if (!atEnd() && peek() != ' ' && peek() != ')') {
                throw fail("expected ' ' or ')' between inner list items");
            }
        }
    }

    private Item item() {
        Object value = bareItem();
        return new Item(value, parameters());
    }

    private List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        while (next(';')) {
            skipSpaces();
            String key = key();
            Object value = next('=') ? bareItem() : Boolean.TRUE;
            if (parameters.stream().anyMatch(p -> p.key().equals(key))) {
                throw fail("parameter " + key + " appears twice");
            }
            parameters.add(new Parameter(key, value));
        }
        return parameters;
    }

    private String key() {
        int start = pos;
        if (atEnd() || !(isLowerAlpha(peek()) || peek() == '*')) {
            throw fail("expected a key (a lowercase letter or '*')");
        }
        while (!atEnd() && (isLowerAlpha(peek()) || isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
            pos++;
        }
        return input.substring(start, pos);
    }

    private Object bareItem() {
        if (atEnd()) {
            throw fail("expected a value");
        }
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return integer();
        } else if (c == '"') {
            return string();
        } else if (c == ':') {
            return byteSequence();
        } else if (c == '?') {
            return bool();
        } else if (isAlpha(c) || c == '*') {
            return token();
        }
        throw fail("unexpected character '" + printable(c) + "'");
    }

    private Long integer() {
        int start = pos;
        next('-');
        int digits = pos;
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        if (pos == digits) {
            throw fail("expected a digit");
        }
        if (!atEnd() && peek() == '.') {
            throw fail("decimals are not supported");
        }
        if (pos - digits > 15) {
            throw fail("integer has more than 15 digits");
        }
        return Long.parseLong(input.substring(start, pos));
    }

    private String string() {
        pos++; // the opening quote
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\\') {
                if (atEnd() || (peek() != '"' && peek() != '\\')) {
                    throw fail("only \\\" and \\\\ may be escaped in a string");
                }
                out.append(input.charAt(pos++));
            } else if (c < 0x20 || c > 0x7e) {
                pos--;
                throw fail("string holds a character that is not printable ASCII");
            } else {
                out.append(c);
            }
        }
        throw fail("string is not closed with '\"'");
    }

    private Token token() {
        int start = pos;
        while (!atEnd() && (isTchar(peek()) || peek() == ':' || peek() == '/')) {
            pos++;
        }
        return new Token(input.substring(start, pos));
    }

    private ByteSequence byteSequence() {
        int start = ++pos;
        while (!atEnd() && peek() != ':') {
            char c = peek();
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=')) {
                throw fail("byte sequence holds '" + printable(c) + "', which is not base64");
            }
            pos++;
        }
        if (atEnd()) {
            throw fail("byte sequence is not closed with ':'");
        }
        String base64 = input.substring(start, pos++);
        try {
            return new ByteSequence(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw fail("byte sequence is not valid base64");
        }
    }

    private Boolean bool() {
        pos++;
        if (next('1')) {
            return true;
        } else if (next('0')) {
            return false;
        }
        throw fail("a boolean is ?0 or ?1");
    }

    private void skipSpaces() {
        while (!atEnd() && peek() == ' ') {
            pos++;
        }
    }

    private void skipOptionalWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private boolean next(char expected) {
        if (!atEnd() && peek() == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return input.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private static String printable(char c) {
        return c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private MessageSignatureException fail(String problem) {
        return new MessageSignatureException("malformed " + field + ": " + problem + " at character " + (pos + 1));
    }
}
