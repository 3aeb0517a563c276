package dev.heartwood.core.heartbeat.task;

import dev.heartwood.core.memory.AgentContext;
import dev.heartwood.core.memory.AppendDailyLog;
import dev.heartwood.core.memory.BuildContext;
import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelException;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import java.util.Optional;

/**
 * {@code model.prompt}: asks the model the task's prompt with the agent's rebuilt context. The
 * answer is decided in {@link #prepare} — before the journal entry — and travels in the journaled
 * outbox message, so a crash never asks twice for a post that is already decided; the daily log
 * gets the answer too.
 */
public final class ModelPromptTask implements TaskExecutor {

    private final ModelClient model;
    private final BuildContext context;
    private final AppendDailyLog dailyLog;
    private final int maxTokens;

    public ModelPromptTask(ModelClient model, BuildContext context, AppendDailyLog dailyLog, int maxTokens) {
        this.model = model;
        this.context = context;
        this.dailyLog = dailyLog;
        this.maxTokens = maxTokens;
    }

    @Override
    public String kind() {
        return "model.prompt";
    }

    @Override
    public Optional<String> prepare(TaskRun run) {
        if (run.argument().isBlank()) {
            throw new TaskFailedException("model.prompt " + run.task() + " has no prompt");
        }
        AgentContext built = context.run(run.agent());
        try {
            ModelReply reply = model.complete(ModelRequest.of(built.text(), run.argument(), maxTokens, 0.7));
            return Optional.of(RelayPostTask.body(run, reply.text()));
        } catch (ModelException e) {
            throw new TaskFailedException("model.prompt " + run.task() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String perform(TaskRun run) {
        dailyLog.run(run.agent(), "model.prompt " + run.task() + " answered and posted as " + run.messageId());
        return "answered and posted";
    }
}
