package dev.heartwood.core.identity.signature;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.AgentPublicKey;
import dev.heartwood.core.identity.signature.StructuredFields.ByteSequence;
import dev.heartwood.core.identity.signature.StructuredFields.InnerList;
import dev.heartwood.core.identity.signature.StructuredFields.Item;
import dev.heartwood.core.identity.signature.StructuredFields.Member;
import dev.heartwood.core.identity.signature.Verification.Rejected;
import dev.heartwood.core.identity.signature.Verification.Verified;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 9421 signing and verification with Ed25519 for any covered components and label, without
 * Heartwood's policy: no digest, freshness or required-parameter checks. {@link RequestSigner}
 * and {@link RequestVerifier} add those; use this class directly only for interoperability work
 * such as the RFC's own examples.
 */
public final class MessageSignatures {

    static final String SIGNATURE_INPUT = "signature-input";
    static final String SIGNATURE = "signature";

    private MessageSignatures() {
    }

    /**
     * Signs the components {@code parameters} names and adds {@code Signature-Input} and
     * {@code Signature} under {@code label}, replacing any earlier ones: an outbound message
     * carries one signature, its sender's.
     *
     * @throws MessageSignatureException if a covered component cannot be taken from the message
     */
    public static SignedMessage sign(HttpMessage message, String label, SignatureParameters parameters, AgentKey key) {
        if (label == null || !StructuredFields.isKey(label)) {
            throw new IllegalArgumentException("signature label '" + label + "' is not valid: expected lowercase"
                    + " letters, digits, '_', '-', '.' or '*', starting with a letter, e.g. sig1");
        }
        InnerList input = parameters.toInnerList();
        String base = SignatureBase.build(message, input);
        byte[] signature = key.sign(base.getBytes(US_ASCII));
        HttpMessage signed = message
                .withField(SIGNATURE_INPUT, StructuredFields.serializeDictionary(Map.of(label, input)))
                .withField(SIGNATURE, StructuredFields.serializeDictionary(
                        Map.of(label, new Item(new ByteSequence(signature), List.of()))));
        return new SignedMessage(signed, label, parameters, base, signature);
    }

    /**
     * Checks the signature labelled {@code label}: that it covers at least
     * {@code requiredComponents}, that its key is known, and that it verifies over the message.
     * Malformed fields are rejected, never thrown.
     */
    public static Verification verify(HttpMessage message, String label, List<String> requiredComponents,
            KeyResolver keys) {
        try {
            Received received = read(message, label);
            requireComponents(received.parameters(), requiredComponents);
            return checkSignature(message, received, keys);
        } catch (MessageSignatureException e) {
            return new Rejected(e.getMessage());
        }
    }

    /** One signature as received: its inner list (what the base is rebuilt from), read and raw. */
    record Received(InnerList input, SignatureParameters parameters, byte[] signature) {
    }

    /** @throws MessageSignatureException if either field is missing or malformed, or lacks the label */
    static Received read(HttpMessage message, String label) {
        String inputField = message.field(SIGNATURE_INPUT)
                .orElseThrow(() -> new MessageSignatureException("missing Signature-Input"));
        String signatureField = message.field(SIGNATURE)
                .orElseThrow(() -> new MessageSignatureException("missing Signature"));
        Map<String, Member> inputs = StructuredFields.parseDictionary("Signature-Input", inputField);
        Map<String, Member> signatures = StructuredFields.parseDictionary("Signature", signatureField);
        Member input = inputs.get(label);
        if (input == null) {
            throw new MessageSignatureException("no signature labelled " + label + " in Signature-Input (found "
                    + inputs.keySet() + ")");
        }
        if (!(input instanceof InnerList list)) {
            throw new MessageSignatureException("malformed Signature-Input: " + label + " is not an inner list");
        }
        Member signature = signatures.get(label);
        if (signature == null) {
            throw new MessageSignatureException("no signature labelled " + label + " in Signature (found "
                    + signatures.keySet() + ")");
        }
        if (!(signature instanceof Item item && item.value() instanceof ByteSequence bytes)) {
            throw new MessageSignatureException("malformed Signature: " + label + " is not a byte sequence");
        }
        return new Received(list, SignatureParameters.from(list), bytes.bytes());
    }

    static void requireComponents(SignatureParameters parameters, List<String> required) {
        for (String component : required) {
            if (!parameters.components().contains(component)) {
                throw new MessageSignatureException("missing component " + component);
            }
        }
    }

    /** Resolves the key and checks the Ed25519 signature over the rebuilt signature base. */
    static Verification checkSignature(HttpMessage message, Received received, KeyResolver keys) {
        SignatureParameters parameters = received.parameters();
        if (parameters.alg() != null && !HeartwoodProfile.ALGORITHM.equals(parameters.alg())) {
            return new Rejected("unsupported alg " + parameters.alg() + ", expected " + HeartwoodProfile.ALGORITHM);
        }
        Optional<AgentPublicKey> key = keys.byKeyId(parameters.keyId());
        if (key.isEmpty()) {
            return new Rejected("unknown keyid " + parameters.keyId());
        }
        String base = SignatureBase.build(message, received.input());
        if (!key.get().verifies(base.getBytes(US_ASCII), received.signature())) {
            return new Rejected("signature does not verify with key " + key.get().did());
        }
        return new Verified(parameters.keyId(), parameters.nonce(), parameters.created(), parameters.expires());
    }
}
