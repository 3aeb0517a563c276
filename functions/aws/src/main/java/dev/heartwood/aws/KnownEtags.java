package dev.heartwood.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ETags of the object versions a store has seen, the most recently used few hundred. A
 * version's ETag never changes, so an entry can be old but never wrong; it is keyed by the object
 * key too, because a version id alone does not say which object it belongs to.
 */
final class KnownEtags {

    private final Map<String, String> etags;

    KnownEtags(int capacity) {
        this.etags = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        });
    }

    void put(String key, String versionId, String etag) {
        if (etag != null) {
            etags.put(key + "\n" + versionId, etag);
        }
    }

    Optional<String> get(String key, String versionId) {
        return Optional.ofNullable(etags.get(key + "\n" + versionId));
    }
}
