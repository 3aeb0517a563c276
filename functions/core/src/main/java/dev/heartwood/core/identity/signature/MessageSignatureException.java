package dev.heartwood.core.identity.signature;

import dev.heartwood.core.identity.IdentityException;

/**
 * A message cannot be signed as asked (a covered header is missing, a value is not ASCII ...),
 * or a received signature field is malformed. Verification never lets it escape: it becomes a
 * {@link Verification.Rejected} with the same message.
 */
public class MessageSignatureException extends IdentityException {

    public MessageSignatureException(String message) {
        super(message);
    }
}
