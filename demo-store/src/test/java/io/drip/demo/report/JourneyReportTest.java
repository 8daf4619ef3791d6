package io.drip.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.MessageJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report from the services' answers, as captured from a run of deploy/local/demo
 * ({@code demo-report.json}: what {@code demo-store report --save} wrote).
 */
class JourneyReportTest {

    private static ObjectNode captured() throws IOException {
        try (InputStream json = JourneyReportTest.class.getResourceAsStream("demo-report.json")) {
            return (ObjectNode) MessageJson.mapper().readTree(json);
        }
    }

    private static JourneyFigures journey(List<JourneyFigures> report, String id) {
        return report.stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyJourneyTheServiceRunsIsInTheReportWithItsRuns() throws IOException {
        JsonNode data = captured();
        List<JourneyFigures> report = JourneyReport.figures(data);
        assertEquals(List.of("abandoned-checkout", "post-purchase", "welcome", "win-back"),
                report.stream().map(JourneyFigures::id).sorted().toList());
        JourneyFigures checkout = journey(report, "abandoned-checkout");
        JsonNode stats = data.path("byJourney").path("abandoned-checkout").path("stats");
        assertEquals(stats.path("entered").asLong(), checkout.entered());
        assertEquals(checkout.entered(), checkout.active() + checkout.completed() + checkout.exited());
        assertEquals(stats.path("exitReasons").path("holdout").asLong(), checkout.exitReasons().get("holdout"));
        assertEquals(stats.path("revenue").decimalValue(), checkout.revenue());
    }

    @Test
    void aStepTakesItsFiguresFromJourneyServiceDispatchAndTracking() throws IOException {
        JsonNode data = captured();
        JsonNode of = data.path("byJourney").path("welcome");
        JourneyFigures.Step welcome = journey(JourneyReport.figures(data), "welcome").steps().stream()
                .filter(s -> s.step().equals("welcome")).findFirst().orElseThrow();
        JsonNode stats = of.path("stats").path("steps").get(0);
        JsonNode byStatus = of.path("deliveries").path("welcome").path("counts").path("byStatus");
        assertEquals(stats.path("messages").asLong(), welcome.entered());
        assertEquals(stats.path("delivered").asLong(), welcome.delivered());
        assertEquals(stats.path("suppressedBy").path("opted_out").asLong(), welcome.suppressedBy().getOrDefault("opted_out", 0L));
        assertEquals(byStatus.path("pending").asLong() + byStatus.path("sending").asLong(), welcome.queued());
        assertEquals(of.path("clicks").path("welcome").path("bot").asLong(), welcome.bots());
        assertEquals(stats.path("clicked").asLong(), welcome.clicked());
    }

    @Test
    void queuedMessagesAreExplainedByWhyTheyWaitNotByOtherReasons() throws IOException {
        ObjectNode data = captured();
        ObjectNode counts = (ObjectNode) data.path("byJourney").path("welcome").path("deliveries").path("welcome").path("counts");
        counts.putObject("byStatus").put("pending", 2).put("sending", 1).put("delivered", 5);
        counts.putObject("byReason").put("cap_daily", 7);
        counts.putObject("byQueuedReason").put("quiet_hours", 2).put("no_marketing_day", 1);
        JourneyFigures.Step welcome = journey(JourneyReport.figures(data), "welcome").steps().get(0);
        assertEquals(3, welcome.queued());
        assertEquals(Map.of("quiet_hours", 2L, "no_marketing_day", 1L), welcome.queuedBy());
    }

    @Test
    void theAbTestComparesEachVariantWithTheHoldout() throws IOException {
        ObjectNode data = captured();
        JourneyFigures.AbTest offer = journey(JourneyReport.figures(data), "abandoned-checkout").abTests().get(0);
        assertEquals("offer", offer.step());
        assertEquals("holdout", offer.baseline());
        assertEquals(List.of("ten-off", "free-ship", "holdout"), offer.variants().stream().map(JourneyFigures.Variant::variant).toList());
        JourneyFigures.Variant holdout = offer.variants().get(2);
        assertNull(holdout.difference(), "the baseline is not compared with itself");
        JourneyFigures.Variant tenOff = offer.variants().get(0);
        double expected = (double) tenOff.converted() / tenOff.runs() - (double) holdout.converted() / holdout.runs();
        assertEquals(expected, tenOff.difference(), 1e-9);

        String table = ReportTable.render(JourneyReport.figures(data));
        assertTrue(table.contains(offer.winner() == null ? "no winner yet" : "winner: " + offer.winner()), table);
        ObjectNode split = (ObjectNode) data.path("byJourney").path("abandoned-checkout").path("stats").path("splits").path("offer");
        split.put("winner", "free-ship");
        assertTrue(ReportTable.render(JourneyReport.figures(data)).contains("winner: free-ship (converts better"));
    }

    @Test
    void anAudienceJourneysRoundsAreShownAsJourneyServiceCountsThem() throws IOException {
        ObjectNode data = captured();
        ObjectNode stats = (ObjectNode) data.path("byJourney").path("welcome").path("stats");
        var audience = stats.putArray("audience");
        audience.addObject().put("round", "2027-01-01T10:00").put("status", "planned").put("manual", false);
        audience.addObject().put("round", "2026-12-07T11:40:12").put("status", "done").put("manual", true)
                .put("audienceSize", 180).put("reached", 180).put("entered", 171);
        JourneyFigures welcome = journey(JourneyReport.figures(data), "welcome");
        assertEquals(List.of(new JourneyFigures.Round("2027-01-01T10:00", false, "planned", 0, 0, 0),
                new JourneyFigures.Round("2026-12-07T11:40:12", true, "done", 180, 180, 171)), welcome.rounds());
        String table = ReportTable.render(List.of(welcome));
        assertTrue(table.contains("round 2026-12-07T11:40:12 (started now): done, 180 of 180 members reached, 171 entered"), table);
        assertTrue(table.contains("round 2027-01-01T10:00: planned"), table);
    }

    @Test
    void theTableHasARowPerStepAndTheRunsOfEachJourney() throws IOException {
        List<JourneyFigures> report = JourneyReport.figures(captured());
        String table = ReportTable.render(report);
        for (JourneyFigures journey : report) {
            assertTrue(table.contains("Journey " + journey.id() + " \"" + journey.name() + "\""), table);
            assertTrue(table.contains("runs: entered " + journey.entered() + ", active " + journey.active()), table);
            for (JourneyFigures.Step step : journey.steps()) {
                assertTrue(table.lines().anyMatch(line -> line.trim().startsWith(step.step() + " ")
                        && line.contains(" " + step.entered() + " ") && line.contains(" " + step.delivered() + " ")),
                        step.step() + " in\n" + table);
            }
        }
    }
}
