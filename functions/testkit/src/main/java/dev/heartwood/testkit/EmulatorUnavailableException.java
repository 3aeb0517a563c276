package dev.heartwood.testkit;

/** An emulator could not be installed or started; the message says why and what to do. */
final class EmulatorUnavailableException extends RuntimeException {

    EmulatorUnavailableException(String message) {
        super(message);
    }

    EmulatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
