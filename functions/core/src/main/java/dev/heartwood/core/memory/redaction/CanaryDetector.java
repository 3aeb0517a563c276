package dev.heartwood.core.memory.redaction;

import java.util.List;

/**
 * Exact occurrences of values known to be secret: configured secrets and the agent's own key
 * material. No context or shape is needed, so these are caught even where no pattern would be.
 */
final class CanaryDetector implements Detector {

    private final List<String> canaries;

    CanaryDetector(List<String> canaries) {
        this.canaries = List.copyOf(canaries);
    }

    @Override
    public void find(String text, List<Match> found) {
        for (String canary : canaries) {
            int at = 0;
            while ((at = text.indexOf(canary, at)) >= 0) {
                found.add(new Match(at, at + canary.length(), SecretType.CANARY));
                at += canary.length();
            }
        }
    }

    @Override
    public String toString() {
        return "CanaryDetector[" + canaries.size() + " canaries, values redacted]";
    }
}
