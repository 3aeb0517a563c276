package dev.heartwood.core.proof;

import dev.heartwood.core.model.ModelClient;
import dev.heartwood.core.model.ModelMessage;
import dev.heartwood.core.model.ModelReply;
import dev.heartwood.core.model.ModelRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose answer depends on the last message alone, so a run and its faulted twin get the
 * same answers whatever else their contexts hold. It counts the questions it was asked.
 */
public final class EchoModel implements ModelClient {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public ModelReply complete(ModelRequest request) {
        calls.incrementAndGet();
        ModelMessage last = request.messages().get(request.messages().size() - 1);
        String text = "noted: " + last.text().strip();
        return new ModelReply(text, "echo", 0, 0, "end_turn");
    }

    public int calls() {
        return calls.get();
    }
}
