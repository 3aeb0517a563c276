package dev.heartwood.core.identity.signature;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message with its {@code Signature-Input} and {@code Signature} fields added, plus what went
 * into them, for logs and for checking the signature with other tools.
 *
 * @param signatureBase the exact text (ASCII) that was signed
 * @param signature the 64-byte Ed25519 signature of {@code signatureBase}
 */
public record SignedMessage(HttpMessage message, String label, SignatureParameters parameters,
        String signatureBase, byte[] signature) {

    public SignedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(signatureBase, "signatureBase");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedMessage that && message.equals(that.message) && label.equals(that.label)
                && parameters.equals(that.parameters) && signatureBase.equals(that.signatureBase)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, label, parameters, signatureBase, Arrays.hashCode(signature));
    }
}
