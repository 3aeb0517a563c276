package dev.heartwood.core.recovery;

import java.util.Locale;

/** How long a backup is kept and how often it is made: hot (hourly, kept briefly) or cold (weekly, kept long). */
public enum BackupTier {
    HOT, COLD;

    /** The word in manifests and archive names: {@code hot} or {@code cold}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException unless the text is {@code hot} or {@code cold} */
    public static BackupTier parse(String text) {
        for (BackupTier tier : values()) {
            if (tier.label().equals(text)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("backup tier '" + text + "' is not known: expected hot or cold");
    }
}
