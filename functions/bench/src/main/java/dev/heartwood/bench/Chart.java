package dev.heartwood.bench;

import java.util.List;
import java.util.Locale;

/** The scaling and cold-start figures as one hand-written SVG: grouped bars, each labelled with its value. */
final class Chart {

    private static final String REAL = "#2f6b3a";
    private static final String OTHER = "#b9c7b0";

    private Chart() {
    }

    /** A group of bars drawn to one scale. */
    record Group(String label, List<Bar> bars, String unit) {
    }

    record Bar(String label, double value, boolean highlight) {
    }

    static String svg(String title, List<Group> scaling, List<Group> coldStart) {
        int width = 980;
        int height = 430;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 20, 26, title, 15, "bold", "start");
        panel(svg, 20, 50, 340, "Context rebuild: young vs old agent", scaling);
        panel(svg, 400, 50, 560, "Cold start, median ms: Heartwood vs plain baseline", coldStart);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int x, int y, int width, String title, List<Group> groups) {
        text(svg, x, y + 10, title, 13, "bold", "start");
        text(svg, x, y + 26, "each pair of bars drawn to its own scale", 11, "normal", "start");
        int top = y + 40;
        int plotHeight = 250;
        int groupWidth = width / Math.max(1, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            double max = group.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            int barWidth = Math.min(60, (groupWidth - 20) / Math.max(1, group.bars().size()));
            int gx = x + g * groupWidth + (groupWidth - barWidth * group.bars().size()) / 2;
            for (int b = 0; b < group.bars().size(); b++) {
                Bar bar = group.bars().get(b);
                int h = max <= 0 ? 0 : (int) Math.round(bar.value() / max * (plotHeight - 30));
                int bx = gx + b * barWidth;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>%n",
                        bx + 3, top + plotHeight - h, barWidth - 6, h, bar.highlight() ? REAL : OTHER));
                text(svg, bx + barWidth / 2, top + plotHeight - h - 5, format(bar.value()), 11, "normal", "middle");
                text(svg, bx + barWidth / 2, top + plotHeight + 16, bar.label(), 11, "normal", "middle");
            }
            text(svg, x + g * groupWidth + groupWidth / 2, top + plotHeight + 36, group.label(), 12, "bold", "middle");
            text(svg, x + g * groupWidth + groupWidth / 2, top + plotHeight + 52, group.unit(), 11, "normal", "middle");
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", x, top + plotHeight,
                x + width, top + plotHeight));
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void text(StringBuilder svg, int x, int y, String text, int size, String weight, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, anchor, text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }
}
