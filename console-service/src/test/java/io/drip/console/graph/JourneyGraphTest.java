package io.drip.console.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.console.api.JourneyView;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class JourneyGraphTest {

    private static JourneyView.Node node(String id, String kind, String summary, JourneyView.Edge... next) {
        return new JourneyView.Node(id, kind, summary, List.of(next));
    }

    private static JourneyView.Edge edge(String to, String label) {
        return new JourneyView.Edge(to, label);
    }

    private static final JourneyView.Outline OUTLINE = new JourneyView.Outline(List.of(
            node("check", "branch", "1 condition", edge("big", "event.properties.value >= 100 && x < 3"),
                    edge("ask", "otherwise")),
            node("ask", "wait_for", "Replied within 1h", edge("bye", "Replied"), edge("offer", "timeout")),
            node("bye", "exit", "replied"),
            node("big", "send", "marketing sms: big", edge("offer", "goto")),
            node("offer", "split", "2 variants", edge("done", "A 75%"), edge(null, "holdout 25%")),
            node("done", "send", "marketing sms: done", edge("(end)", null))));

    private static final JourneyView.Stats STATS = new JourneyView.Stats("j", 1, 4, 1, 2, 1, Map.of(), 0,
            BigDecimal.ZERO, Map.of("check", 4L, "big", 3L, "offer", 3L), List.of(
                    new JourneyView.StepStats("big", null, 3, 3, 2, 0, 0, 1, 2, 0)), Map.of());

    private static Document drawn() {
        return Jsoup.parse(JourneyGraph.svg(OUTLINE, new Funnel(STATS), step -> "/splits/" + step), "", Parser.xmlParser());
    }

    @Test
    void everyStepIsABoxWithItsKindAndFunnelAndTheRunsEndInAnEndBox() {
        Document svg = drawn();
        assertEquals(List.of("check", "ask", "bye", "big", "offer", "done"), svg.select("g.step[data-step]").eachAttr("data-step"));
        assertEquals(1, svg.select("g.step.end").size());
        assertEquals("reached 3 · sent 3 · delivered 2 · clicked 1 · suppressed 0 · replied 2",
                svg.select("g[data-step=big] text.funnel").text());
        assertEquals("reached 4", svg.select("g[data-step=check] text.funnel").text());
        assertEquals("/splits/offer", svg.select("a.split-link:has(g[data-step=offer])").attr("href"),
                "a split's box links to its A/B page");
        assertEquals("reached 0", svg.select("g[data-step=ask] text.funnel").text());
    }

    @Test
    void edgesCarryTheBranchTimeoutSplitAndGotoLabelsEscaped() {
        Document svg = drawn();
        List<String> labels = svg.select("text.label").eachText();
        assertEquals(List.of("event.properties.value >= 100 && x < 3", "otherwise", "Replied", "timeout", "goto",
                "A 75%", "holdout 25% leaves"), labels);
        String raw = JourneyGraph.svg(OUTLINE, new Funnel(STATS), step -> "/splits/" + step);
        assertTrue(raw.contains("&gt;= 100 &amp;&amp; x &lt; 3"), "label text is escaped");
        // every edge but the holdout's ends in a box: 8 ways out plus the end
        assertEquals(8, svg.select("path.edge").size());
    }
}
