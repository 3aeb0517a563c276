package dev.heartwood.core.heartbeat.task;

/** A task could not do its job; the message is the one-line reason written to the daily log and HEARTBEAT.md. */
public class TaskFailedException extends RuntimeException {

    public TaskFailedException(String reason) {
        super(reason);
    }

    public TaskFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
