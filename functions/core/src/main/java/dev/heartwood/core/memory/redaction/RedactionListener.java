package dev.heartwood.core.memory.redaction;

import java.util.List;

/**
 * Told whenever a {@link Redactor} removed something, so one place can log or count it. It is given
 * the findings and their summary, never the text, so a listener cannot leak what was removed.
 */
@FunctionalInterface
public interface RedactionListener {

    void redacted(String summary, List<Finding> findings);
}
