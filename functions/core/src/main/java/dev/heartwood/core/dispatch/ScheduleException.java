package dev.heartwood.core.dispatch;

/** A schedule could not be created, updated or deleted; the message names the schedule and the cause. */
public class ScheduleException extends RuntimeException {

    public ScheduleException(String message, Throwable cause) {
        super(message, cause);
    }
}
