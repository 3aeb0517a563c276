package dev.heartwood.aws;

import dev.heartwood.core.identity.AgentKey;
import dev.heartwood.core.identity.KeyDocument;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Decrypted keys a vault instance keeps between calls, one per slot (a secret, or an agent's item),
 * each with the stamp of the stored version it came from.
 *
 * <p>Callers get copies, so a caller that destroys its key after signing does not destroy the
 * cached one; evicted keys are destroyed here. A fill that started before an invalidation is
 * dropped (the generation check), so a read racing a rotation through the same instance cannot
 * put the replaced key back.
 */
final class KeyCache {

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private long generation;

    /** Take before reading the store; hand it back to {@link #put}. */
    synchronized long ticket() {
        return generation;
    }

    Optional<Entry> get(String slot) {
        return Optional.ofNullable(entries.get(slot));
    }

    /** Takes ownership of {@code document}: it is cached, or destroyed if an invalidation came in between. */
    synchronized void put(String slot, long ticket, String stamp, KeyDocument document, Instant checkedAt) {
        if (ticket != generation) {
            document.key().destroy();
            return;
        }
        Entry replaced = entries.put(slot, new Entry(stamp, document, checkedAt));
        if (replaced != null) {
            replaced.destroy();
        }
    }

    synchronized void invalidate(String slot) {
        generation++;
        Entry removed = entries.remove(slot);
        if (removed != null) {
            removed.destroy();
        }
    }

    /** A copy whose private bytes the caller owns; the temporary seed copy is cleared. */
    static KeyDocument copyOf(KeyDocument document) {
        byte[] seed = document.key().seed();
        try {
            return new KeyDocument(document.agent(), AgentKey.fromSeed(seed), document.createdAt());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    static final class Entry {

        private final String stamp;
        private final KeyDocument document;
        private volatile Instant checkedAt;

        private Entry(String stamp, KeyDocument document, Instant checkedAt) {
            this.stamp = stamp;
            this.document = document;
            this.checkedAt = checkedAt;
        }

        String stamp() {
            return stamp;
        }

        Instant checkedAt() {
            return checkedAt;
        }

        void checked(Instant at) {
            checkedAt = at;
        }

        /** Empty if the entry was evicted (and its key destroyed) while the caller held it. */
        synchronized Optional<KeyDocument> copy() {
            return document.key().isDestroyed() ? Optional.empty() : Optional.of(copyOf(document));
        }

        private synchronized void destroy() {
            document.key().destroy();
        }

        @Override
        public String toString() {
            return "KeyCache.Entry[" + stamp + ", " + document + "]";
        }
    }
}
