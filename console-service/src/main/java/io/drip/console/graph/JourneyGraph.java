package io.drip.console.graph;

import io.drip.console.api.JourneyView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Draws a journey version's steps as an SVG graph, server-side: one box per step in file order
 * (with its funnel), an arrow for every way out of it labelled as the journey says (branch
 * conditions, wait_for outcome and timeout, split variants, goto). Arrows to the next box go
 * straight down; the others run in lanes on the right; a holdout leaves to the left.
 */
public final class JourneyGraph {
    static final String END = "(end)";
    private static final int LEFT = 170;
    private static final int TOP = 20;
    private static final int WIDTH = 400;
    private static final int HEIGHT = 70;
    private static final int GAP = 60;
    private static final int LANE = 26;
    private static final int MAX_SUMMARY = 56;

    private JourneyGraph() {
    }

    /**
     * The SVG element, to be placed in a page as is (every text in it escaped); a split's box
     * links to its A/B page, at {@code splitPage.apply(stepId)}.
     */
    public static String svg(JourneyView.Outline outline, Funnel funnel, UnaryOperator<String> splitPage) {
        List<JourneyView.Node> nodes = outline.steps();
        Map<String, Integer> rows = new LinkedHashMap<>();
        nodes.forEach(node -> rows.put(node.id(), rows.size()));
        boolean ends = nodes.stream().flatMap(n -> n.next().stream()).anyMatch(e -> END.equals(e.to()));
        if (ends) {
            rows.put(END, nodes.size());
        }
        StringBuilder boxes = new StringBuilder();
        StringBuilder arrows = new StringBuilder();
        int lanes = 0;
        for (int row = 0; row < nodes.size(); row++) {
            JourneyView.Node node = nodes.get(row);
            box(boxes, row, node, funnel, splitPage);
            int far = 0;
            for (Map.Entry<String, String> edge : merged(node.next()).entrySet()) {
                String to = edge.getKey();
                String label = edge.getValue();
                if (to == null) {
                    leave(arrows, row, label);
                } else if (rows.get(to) == row + 1) {
                    down(arrows, row, label);
                } else {
                    around(arrows, row, rows.get(to), far++, lanes++, label);
                }
            }
        }
        if (ends) {
            int y = top(nodes.size());
            boxes.append("<g class=\"step end\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"20\"/>"
                    .formatted(LEFT + WIDTH / 2 - 60, y, 120, 40))
                    .append(text(LEFT + WIDTH / 2, y + 25, "middle", "title", "end")).append("</g>");
        }
        int width = LEFT + WIDTH + 30 + lanes * LANE + 200;
        int height = top(rows.size()) + TOP;
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-graph\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"the journey's steps\">"
                + "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>")
                .formatted(width, height, width, height) + arrows + boxes + "</svg>";
    }

    /** Edges to the same step drawn once, their labels joined (a wait_for whose both outcomes go on). */
    private static Map<String, String> merged(List<JourneyView.Edge> edges) {
        Map<String, String> byTarget = new LinkedHashMap<>();
        for (JourneyView.Edge edge : edges) {
            String label = edge.label() == null ? "" : edge.label();
            byTarget.merge(edge.to(), label, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + " / " + b);
        }
        return byTarget;
    }

    private static void box(StringBuilder out, int row, JourneyView.Node node, Funnel funnel,
            UnaryOperator<String> splitPage) {
        int y = top(row);
        boolean split = "split".equals(node.kind());
        if (split) {
            out.append("<a class=\"split-link\" href=\"").append(escape(splitPage.apply(node.id()))).append("\">");
        }
        out.append("<g class=\"step ").append(escape(node.kind())).append("\" data-step=\"").append(escape(node.id()))
                .append("\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>".formatted(LEFT, y, WIDTH, HEIGHT))
                .append(text(LEFT + 10, y + 20, "start", "title", node.kind() + " · " + node.id()))
                .append(text(LEFT + 10, y + 40, "start", "summary", shortened(node.summary())))
                .append(text(LEFT + 10, y + 60, "start", "funnel", funnel.describe(node)))
                .append("</g>");
        if (split) {
            out.append("</a>");
        }
    }

    private static void down(StringBuilder out, int row, String label) {
        int x = LEFT + WIDTH / 2;
        int from = top(row) + HEIGHT;
        out.append(line("M%d,%d L%d,%d".formatted(x, from, x, top(row + 1))));
        if (!label.isEmpty()) {
            out.append(text(x + 8, from + GAP / 2 + 4, "start", "label", label));
        }
    }

    private static void around(StringBuilder out, int from, int to, int far, int lane, String label) {
        int right = LEFT + WIDTH;
        int startY = top(from) + 14 + (far % 4) * 14;
        int endY = top(to) + HEIGHT / 2;
        int x = right + 30 + lane * LANE;
        out.append(line("M%d,%d L%d,%d L%d,%d L%d,%d".formatted(right, startY, x, startY, x, endY, right, endY)));
        if (!label.isEmpty()) {
            out.append(text(right + 4, startY - 3, "start", "label", label));
        }
    }

    private static void leave(StringBuilder out, int row, String label) {
        int y = top(row) + HEIGHT / 2;
        out.append(line("M%d,%d L%d,%d".formatted(LEFT, y, LEFT - 40, y)))
                .append(text(LEFT - 46, y + 4, "end", "label", label.isEmpty() ? "leaves" : label + " leaves"));
    }

    private static String line(String path) {
        return "<path class=\"edge\" d=\"" + path + "\" marker-end=\"url(#arrow)\"/>";
    }

    private static String text(int x, int y, String anchor, String kind, String content) {
        return "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"%s\">%s</text>"
                .formatted(x, y, anchor, kind, escape(content));
    }

    private static int top(int row) {
        return TOP + row * (HEIGHT + GAP);
    }

    private static String shortened(String summary) {
        String line = summary == null ? "" : summary.replaceAll("\\s+", " ");
        return line.length() <= MAX_SUMMARY ? line : line.substring(0, MAX_SUMMARY - 1) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
