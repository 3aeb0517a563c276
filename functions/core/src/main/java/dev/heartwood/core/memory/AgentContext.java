package dev.heartwood.core.memory;

import dev.heartwood.core.identity.AgentId;
import java.util.List;
import java.util.stream.Collectors;

/** What a model call needs about an agent, in presentation order, with where each part came from. */
public record AgentContext(AgentId agent, List<ContextPart> parts, ContextBudget budget, int storageReads) {

    public AgentContext {
        parts = List.copyOf(parts);
    }

    public int estimatedTokens() {
        return parts.stream().mapToInt(ContextPart::estimatedTokens).sum();
    }

    /** The context as one markdown text, each part under a heading naming its source. */
    public String text() {
        return parts.stream().map(p -> "## " + p.source() + "\n\n" + p.text().strip() + "\n")
                .collect(Collectors.joining("\n"));
    }
}
