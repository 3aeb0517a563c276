package dev.heartwood.testkit;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started emulator and whatever must be stopped with it. */
final class EmulatorSession implements AutoCloseable {

    private final AwsEmulator emulator;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmulatorSession(AwsEmulator emulator, List<AutoCloseable> resources) {
        this.emulator = emulator;
        this.resources = List.copyOf(resources);
    }

    /** A session that stops {@code resources}, last first, when closed or when the JVM exits. */
    static EmulatorSession of(AwsEmulator emulator, AutoCloseable... resources) {
        EmulatorSession session = new EmulatorSession(emulator, List.of(resources));
        if (resources.length > 0) {
            // JUnit closes the session when the run ends; this covers a JVM told to stop before that.
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "heartwood-testkit-stop"));
        }
        return session;
    }

    AwsEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        IllegalStateException failure = null;
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop " + emulator.description(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
