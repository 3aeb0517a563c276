package dev.heartwood.core.memory.redaction;

/**
 * The words before a candidate value, for detectors whose shapes are shared with harmless values
 * (a 40-character AWS secret, a 32-byte seed): the words decide.
 */
final class Context {

    private Context() {
    }

    /** Up to {@code limit} characters before {@code end}, cut at the last blank line: a new paragraph is a new context. */
    static String paragraphBefore(String text, int end, int limit) {
        String window = text.substring(Math.max(0, end - limit), end);
        int paragraph = Math.max(window.lastIndexOf("\n\n"), window.lastIndexOf("\n\r\n"));
        return paragraph < 0 ? window : window.substring(paragraph + 1);
    }

    /**
     * The label of the value at {@code start}: the text before it on its own line, or, when the value
     * starts its line (a code block under "Seed:"), the nearest line above, skipping code fences. A
     * whole paragraph would be too much: in {@code {"secret_name": …,\n "previous": "<hex>"}} the
     * word that names the hex is "previous".
     */
    static String labelBefore(String text, int start, int limit) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String sameLine = text.substring(Math.max(lineStart, start - limit), start);
        if (hasLetter(sameLine)) {
            return sameLine;
        }
        int end = lineStart - 1;
        for (int looked = 0; end > 0 && looked < 3; looked++) {
            int from = text.lastIndexOf('\n', end - 1) + 1;
            String line = text.substring(from, end).strip();
            if (line.isEmpty()) {
                break;
            }
            if (!line.startsWith("```") && !line.startsWith("~~~")) {
                return line.substring(Math.max(0, line.length() - limit));
            }
            end = from - 1;
        }
        return sameLine;
    }

    private static boolean hasLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
