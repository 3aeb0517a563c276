package dev.heartwood.core.heartbeat.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * HEARTBEAT.md as markdown: which list items sit under the three task sections, and exactly where
 * in the source their text is. Positions come from commonmark's source spans, so the grammar and
 * the write-back work on the user's own lines rather than on a re-rendered copy.
 */
final class HeartbeatDocument {

    enum Section { PROJECTS, CHECKS, NEXT_ACTIONS }

    /** A source line without its terminator, and the terminator ({@code \n}, {@code \r\n}, {@code \r} or none). */
    record Line(String text, String end) {
    }

    /** A {@code last:} sub-item: its 0-based line, the column its text starts at, and that text. */
    record Last(int line, int column, String text) {
    }

    /**
     * A top-level list item under a task section.
     *
     * @param line 0-based line of the item's first line; {@code column} is where its text starts
     * @param text the item's first paragraph, its lines joined by a space; null if it has none
     * @param endLine 0-based last line of the item, nested lists included
     */
    record Item(Section section, int line, int column, String text, int endLine, Last last) {
    }

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    final List<Line> lines;
    final List<Item> items;

    private HeartbeatDocument(List<Line> lines, List<Item> items) {
        this.lines = lines;
        this.items = items;
    }

    static HeartbeatDocument read(String markdown) {
        List<Line> lines = split(markdown);
        List<Item> items = new ArrayList<>();
        Section section = null;
        for (Node block = PARSER.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading && heading.getLevel() <= 2) {
                section = section(literal(heading));
            } else if (block instanceof ListBlock list && section != null) {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    items.add(item(section, (ListItem) item, lines));
                }
            }
        }
        return new HeartbeatDocument(lines, List.copyOf(items));
    }

    private static Item item(Section section, ListItem item, List<Line> lines) {
        List<SourceSpan> spans = item.getSourceSpans();
        int line = spans.get(0).getLineIndex();
        int endLine = spans.get(spans.size() - 1).getLineIndex();
        String text = null;
        int column = spans.get(0).getColumnIndex();
        Last last = null;
        if (item.getFirstChild() instanceof Paragraph paragraph && paragraph.getSourceSpans().get(0).getLineIndex() == line) {
            text = text(paragraph, lines);
            column = paragraph.getSourceSpans().get(0).getColumnIndex();
        }
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof ListBlock nested) {
                for (Node sub = nested.getFirstChild(); sub != null; sub = sub.getNext()) {
                    if (sub.getFirstChild() instanceof Paragraph p && text(p, lines).toLowerCase(Locale.ROOT).startsWith("last:")) {
                        SourceSpan first = p.getSourceSpans().get(0);
                        last = new Last(first.getLineIndex(), first.getColumnIndex(), text(p, lines));
                    }
                }
            }
        }
        return new Item(section, line, column, text, endLine, last);
    }

    private static String text(Paragraph paragraph, List<Line> lines) {
        StringBuilder text = new StringBuilder();
        for (SourceSpan span : paragraph.getSourceSpans()) {
            String source = lines.get(span.getLineIndex()).text();
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(source, span.getColumnIndex(), Math.min(source.length(), span.getColumnIndex() + span.getLength()));
        }
        return text.toString().strip();
    }

    private static Section section(String heading) {
        return switch (heading.strip().toLowerCase(Locale.ROOT)) {
            case "ongoing projects" -> Section.PROJECTS;
            case "periodic checks" -> Section.CHECKS;
            case "next actions" -> Section.NEXT_ACTIONS;
            default -> null;
        };
    }

    private static String literal(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else {
                text.append(literal(child));
            }
        }
        return text.toString();
    }

    /** Splits as commonmark does ({@code \n}, {@code \r\n}, {@code \r}), keeping each terminator for write-back. */
    static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(new Line(text.substring(start, i), text.substring(i, end)));
                start = end;
                i = end - 1;
            }
        }
        lines.add(new Line(text.substring(start), ""));
        return lines;
    }
}
