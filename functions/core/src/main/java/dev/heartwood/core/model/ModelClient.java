package dev.heartwood.core.model;

/**
 * A language model: takes a system prompt and a conversation, returns the model's next message.
 * Adapters: {@code OpenAiCompatibleModelClient} (OpenAI, OpenRouter, Ollama, vLLM) and
 * {@code BedrockModelClient}; {@link #none()} when no model is configured.
 */
public interface ModelClient {

    /**
     * Asks the model for the assistant's next message. One call is one billable request: callers
     * that need at-most-once effects journal before acting on the reply.
     *
     * @throws ModelException naming the provider, the model and what went wrong; its
     *     {@link ModelException#kind() kind} tells whether retrying later can help
     */
    ModelReply complete(ModelRequest request);

    /**
     * The client used when no model is configured. Building it succeeds so that tasks which need
     * no model still run; only a task that asks the model fails, with a message saying what to set.
     */
    static ModelClient none() {
        return new ModelClient() {
            @Override
            public ModelReply complete(ModelRequest request) {
                throw new ModelException(ModelException.Kind.NOT_CONFIGURED, "no model configured: set "
                        + ModelSettings.MODEL + " to a model id and " + ModelSettings.PROVIDER
                        + " to bedrock or openai (OpenAI, OpenRouter, Ollama, vLLM)");
            }

            @Override
            public String toString() {
                return "ModelClient.none()";
            }
        };
    }
}
