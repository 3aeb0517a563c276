package dev.heartwood.core.webhook;

import java.util.Objects;

/** Whether a webhook request proved it came from the configured channel. */
public sealed interface Authentication {

    /** The request is genuine; {@code deliveryId} is the sender's key for deduplicating retries. */
    record Accepted(String channel, String deliveryId) implements Authentication {
        public Accepted {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(deliveryId, "deliveryId");
        }
    }

    /** The request must be answered with {@code status} and dropped; the reason is safe to return. */
    record Rejected(int status, String reason) implements Authentication {
        public Rejected {
            if (status != 400 && status != 401) {
                throw new IllegalArgumentException("status must be 400 or 401, got " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }
}
