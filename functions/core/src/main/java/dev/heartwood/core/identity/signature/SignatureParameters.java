package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Parameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one signature covers and says about itself (RFC 9421 section 2.3): the covered component
 * names in order, then {@code created}, {@code expires}, {@code nonce}, {@code keyid} and
 * {@code alg}, serialised in that order when we sign.
 *
 * <p>{@code created} and {@code keyId} are always present: a verifier needs the one to judge
 * freshness and the other to find the key. {@code expires}, {@code nonce} and {@code alg} are
 * null when absent (the RFC's own examples omit them; the Heartwood profile requires the first two).
 *
 * @param components covered component names: derived ({@code @method}, {@code @target-uri} ...)
 *     or lowercase header names; each at most once
 */
public record SignatureParameters(
        List<String> components, Instant created, Instant expires, String nonce, String keyId, String alg) {

    public SignatureParameters {
        components = List.copyOf(components);
        if (new HashSet<>(components).size() != components.size()) {
            throw new IllegalArgumentException("covered components repeat a name: " + components);
        }
        for (String component : components) {
            if (!component.equals(component.toLowerCase(Locale.ROOT)) || component.isEmpty()) {
                throw new IllegalArgumentException("component name '" + component + "' must be non-empty lowercase");
            }
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(keyId, "keyId");
        requireWholeSeconds("created", created);
        if (expires != null) {
            requireWholeSeconds("expires", expires);
        }
        requirePrintable("keyId", keyId);
        requirePrintable("nonce", nonce);
        requirePrintable("alg", alg);
    }

    /** The inner list that {@code Signature-Input} carries and {@code @signature-params} covers. */
    InnerList toInnerList() {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(new Parameter("created", created.getEpochSecond()));
        if (expires != null) {
            parameters.add(new Parameter("expires", expires.getEpochSecond()));
        }
        if (nonce != null) {
            parameters.add(new Parameter("nonce", nonce));
        }
        parameters.add(new Parameter("keyid", keyId));
        if (alg != null) {
            parameters.add(new Parameter("alg", alg));
        }
        return new InnerList(components.stream().map(c -> new Item(c, List.of())).toList(), parameters);
    }

    /**
     * Reads the parameters of a received signature. Parameters this class does not model
     * ({@code tag}, extensions) are left out here, but they stay in the inner list the
     * signature base is rebuilt from, so they are still covered.
     *
     * @throws MessageSignatureException if a component is not a plain string, or a parameter is
     *     missing or of the wrong type
     */
    static SignatureParameters from(InnerList input) {
        List<String> components = new ArrayList<>();
        for (Item item : input.items()) {
            if (!(item.value() instanceof String name)) {
                throw malformed("covered component " + StructuredFields.serializeItem(item) + " is not a string");
            }
            if (!item.parameters().isEmpty()) {
                throw malformed("component parameters are not supported: " + StructuredFields.serializeItem(item));
            }
            if (components.contains(name)) {
                throw malformed("component " + name + " is covered twice");
            }
            components.add(name);
        }
        Long created = parameter(input, "created", Long.class);
        String keyId = parameter(input, "keyid", String.class);
        if (created == null) {
            throw new MessageSignatureException("missing parameter created");
        }
        if (keyId == null) {
            throw new MessageSignatureException("missing parameter keyid");
        }
        Long expires = parameter(input, "expires", Long.class);
        try {
            return new SignatureParameters(components, Instant.ofEpochSecond(created),
                    expires == null ? null : Instant.ofEpochSecond(expires),
                    parameter(input, "nonce", String.class), keyId, parameter(input, "alg", String.class));
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static <T> T parameter(InnerList input, String key, Class<T> type) {
        Object value = input.parameter(key).orElse(null);
        if (value != null && !type.isInstance(value)) {
            throw malformed("parameter " + key + " must be " + (type == Long.class ? "an integer" : "a string"));
        }
        return type.cast(value);
    }

    private static MessageSignatureException malformed(String problem) {
        return new MessageSignatureException("malformed Signature-Input: " + problem);
    }

    private static void requireWholeSeconds(String name, Instant instant) {
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException(name + " must be whole seconds (RFC 9421 uses Unix seconds), got " + instant);
        }
    }

    private static void requirePrintable(String name, String value) {
        if (value != null && !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new IllegalArgumentException(name + " must be printable ASCII");
        }
    }
}
