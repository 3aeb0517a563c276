package dev.heartwood.core.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Holds every log record the process writes while the proof runs (System.Logger writes to
 * java.util.logging unless another backend is installed), instead of printing them: the planted
 * secrets scenario scans them, and the report stays readable. Closing puts the handlers back.
 */
final class LogCapture implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Handler[] replaced;
    private final Level level;
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(format.format(record));
            }
        }

        @Override
        public void flush() {
            // Nothing is buffered: every record is in the list as soon as it is published.
        }

        @Override
        public void close() {
            // The list stays readable after the capture ends.
        }
    };

    LogCapture() {
        replaced = root.getHandlers();
        level = root.getLevel();
        for (Handler h : replaced) {
            root.removeHandler(h);
        }
        root.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        root.setLevel(level);
        for (Handler h : replaced) {
            root.addHandler(h);
        }
    }
}
