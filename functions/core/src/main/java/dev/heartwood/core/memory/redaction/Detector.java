package dev.heartwood.core.memory.redaction;

import java.util.List;

/** Finds the spans of one family of secrets; the {@link Redactor} settles overlaps between families. */
interface Detector {

    void find(String text, List<Match> found);
}
