package dev.heartwood.core.recovery;

/** The decrypted archive is not a tar this format allows; the message names the block or entry and the cause. */
final class ArchiveFormatException extends BackupException {

    ArchiveFormatException(String message) {
        super(message);
    }
}
