package dev.heartwood.core.proof;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A persistence or effect boundary of a heartbeat: one port call after which the world may have
 * changed. A crash can happen just before any of them or just after (the store did it, the caller
 * never heard back).
 */
public enum Boundary {
    /** {@code LeaseStore.acquire}. */
    LEASE("lease"),
    /** {@code Journal.start} of a decision that sends nothing, and {@code Journal.claim}. */
    JOURNAL("journal"),
    /** {@code Journal.start} of a decision together with its outbox message. */
    OUTBOX("outbox"),
    /** {@code Relay.post}: the signed message reaches the relay. */
    RELAY_POST("relay-post"),
    /** {@code MemoryStore.write}: daily log, HEARTBEAT.md write-back, a task's own file. */
    MEMORY_WRITE("memory-write"),
    /** {@code ChatLog.append}: a relay message recorded as a chat row. */
    CHAT_ROW("chat-row"),
    /** {@code Journal.finish}: the outcome, and the message marked sent. */
    JOURNAL_DONE("journal-done"),
    /** {@code LeaseStore.release}. */
    RELEASE("release");

    private final String label;

    Boundary(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the labels that are known */
    public static Boundary parse(String label) {
        String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.label.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("boundary '" + label + "' is not known: expected one of "
                        + Arrays.stream(values()).map(Boundary::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
