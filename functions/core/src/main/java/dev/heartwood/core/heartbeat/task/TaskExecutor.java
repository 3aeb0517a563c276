package dev.heartwood.core.heartbeat.task;

import java.util.Optional;

/**
 * Carries out one kind of task. A run has two steps so that no effect can happen twice:
 * {@link #prepare} decides what will be sent (it may read, or ask a model, but changes nothing),
 * the decision is journaled together with that message, and only then {@link #perform} acts.
 * A crash after the journal write is resumed by posting the journaled message again under the
 * same message id, which the relay deduplicates.
 */
public interface TaskExecutor {

    /** The kind this executor runs, as written in HEARTBEAT.md, e.g. {@code http.check}. */
    String kind();

    /** The message this run will post through the outbox (a JSON body carrying the run's message id), if any. */
    Optional<String> prepare(TaskRun run);

    /**
     * Does the task's own effect, other than the outbox post, and says what happened in one line.
     * Must be safe to repeat for the same run: a resumed crash calls it again.
     *
     * @throws TaskFailedException with a reason the daily log can show
     */
    String perform(TaskRun run);
}
