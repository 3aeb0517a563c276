package dev.heartwood.relay;

import java.util.List;
import java.util.Map;

/**
 * The HTTP status for a relay's refusal. The port's {@code RelayRejectedException} carries only a
 * reason, so the status is read from its wording (LoopbackRelay's, the reference); anything not
 * recognised is 401, because most refusals are a signature or proof that did not hold.
 */
final class RejectionStatus {

    /** Checked in order: the first phrase the reason contains decides. */
    private static final List<Map.Entry<String, Integer>> PHRASES = List.of(
            Map.entry("is not registered", 404),
            Map.entry("does not extend", 409),
            Map.entry("has no messageId", 400),
            Map.entry("is not JSON", 400),
            Map.entry("is not valid", 400),
            Map.entry("the key log is empty", 400),
            Map.entry("expected POST", 400),
            Map.entry("expected GET", 400),
            Map.entry("is addressed to", 400));

    private RejectionStatus() {
    }

    static int of(String reason) {
        String text = reason == null ? "" : reason;
        return PHRASES.stream().filter(phrase -> text.contains(phrase.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(401);
    }
}
