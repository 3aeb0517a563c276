package dev.heartwood.core.recovery;

import java.util.Objects;

/**
 * A backup did not pass verification, so nothing of it may be restored. {@link #reason()} says
 * which check failed; the message adds the detail (the entry path, the key, the sizes).
 */
public final class BackupRejectedException extends BackupException {

    /** Which check failed, in the order {@link BackupArchive#open} runs them. */
    public enum Reason {
        MALFORMED_MANIFEST("malformed manifest"),
        AGENT_MISMATCH("agent mismatch"),
        UNKNOWN_SIGNING_KEY("unknown signing key"),
        BAD_SIGNATURE("bad signature"),
        TRUNCATED_ARCHIVE("truncated archive"),
        ARCHIVE_HASH_MISMATCH("archive hash mismatch"),
        WRONG_IDENTITY("wrong identity"),
        UNREADABLE_ARCHIVE("unreadable archive"),
        MALFORMED_ARCHIVE("malformed archive"),
        ENTRY_MISSING("entry missing"),
        ENTRY_EXTRA("extra entry"),
        ENTRY_HASH_MISMATCH("entry hash mismatch"),
        MERKLE_MISMATCH("merkle root mismatch");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** A few words for people, e.g. {@code bad signature}. */
        public String label() {
            return label;
        }
    }

    private final Reason reason;

    BackupRejectedException(Reason reason, String detail) {
        super("backup rejected, " + reason.label() + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    BackupRejectedException(Reason reason, String detail, Throwable cause) {
        super("backup rejected, " + reason.label() + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
