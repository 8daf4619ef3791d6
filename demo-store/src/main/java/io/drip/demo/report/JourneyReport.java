package io.drip.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link ReportData} (the services' answers) into {@link JourneyFigures}: per journey its
 * runs, per send step (and variant) the runs that reached it, what dispatch did with the messages,
 * human clicks, bot fetches and conversions, per A/B split its result, and its audience rounds. It copies figures, it
 * computes none: journey-service's stats, dispatch's delivery report and tracking's click stats.
 */
public final class JourneyReport {
    private JourneyReport() {
    }

    public static List<JourneyFigures> figures(JsonNode data) {
        List<JourneyFigures> journeys = new ArrayList<>();
        for (JsonNode journey : data.path("journeys")) {
            String id = journey.path("id").asText();
            journeys.add(journey(journey, data.path("byJourney").path(id)));
        }
        return journeys;
    }

    private static JourneyFigures journey(JsonNode journey, JsonNode of) {
        JsonNode stats = of.path("stats");
        List<JourneyFigures.Step> steps = new ArrayList<>();
        for (JsonNode step : stats.path("steps")) {
            String stepId = step.path("step").asText();
            JsonNode deliveries = of.path("deliveries").path(stepId).path("counts");
            steps.add(new JourneyFigures.Step(stepId, step.path("variant").textValue(), step.path("messages").asLong(),
                    step.path("sent").asLong(), step.path("delivered").asLong(),
                    deliveries.path("byStatus").path("pending").asLong() + deliveries.path("byStatus").path("sending").asLong(),
                    counts(deliveries.path("byQueuedReason")), step.path("failed").asLong(), step.path("suppressed").asLong(), counts(step.path("suppressedBy")),
                    step.path("clicked").asLong(), of.path("clicks").path(stepId).path("bot").asLong(),
                    step.path("replied").asLong(), step.path("converted").asLong(), money(step.path("revenue"))));
        }
        List<JourneyFigures.AbTest> abTests = new ArrayList<>();
        stats.path("splits").fields().forEachRemaining(split -> abTests.add(abTest(split.getKey(), split.getValue())));
        return new JourneyFigures(journey.path("id").asText(), journey.path("name").asText(), journey.path("version").asInt(),
                journey.path("status").asText(), stats.path("entered").asLong(), stats.path("active").asLong(),
                stats.path("completed").asLong(), stats.path("exited").asLong(), counts(stats.path("exitReasons")),
                stats.path("converted").asLong(), money(stats.path("revenue")), steps, answers(stats.path("replies")),
                abTests, rounds(stats.path("audience")));
    }

    private static List<JourneyFigures.Round> rounds(JsonNode audience) {
        List<JourneyFigures.Round> rounds = new ArrayList<>();
        for (JsonNode round : audience) {
            rounds.add(new JourneyFigures.Round(round.path("round").asText(), round.path("manual").asBoolean(),
                    round.path("status").asText(), round.path("audienceSize").asLong(), round.path("reached").asLong(),
                    round.path("entered").asLong()));
        }
        return rounds;
    }

    private static Map<String, Map<String, Long>> answers(JsonNode replies) {
        Map<String, Map<String, Long>> answers = new LinkedHashMap<>();
        replies.fields().forEachRemaining(wait -> answers.put(wait.getKey(), counts(wait.getValue().path("ledTo"))));
        return answers;
    }

    private static JourneyFigures.AbTest abTest(String step, JsonNode split) {
        String baseline = split.path("conversionBaseline").textValue();
        List<JourneyFigures.Variant> variants = new ArrayList<>();
        for (JsonNode variant : split.path("variants")) {
            boolean isBaseline = variant.path("variant").asText().equals(baseline);
            JsonNode conversions = variant.path("conversions");
            variants.add(new JourneyFigures.Variant(variant.path("variant").asText(), variant.path("runs").asLong(),
                    variant.path("clicked").asLong(), variant.path("converted").asLong(),
                    isBaseline ? null : number(conversions.path("difference")),
                    isBaseline ? null : number(conversions.path("pValue"))));
        }
        return new JourneyFigures.AbTest(step, baseline, variants, split.path("winner").textValue());
    }

    private static Map<String, Long> counts(JsonNode counts) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        counts.fields().forEachRemaining(e -> byKey.put(e.getKey(), e.getValue().asLong()));
        return byKey;
    }

    private static BigDecimal money(JsonNode amount) {
        return amount.isNumber() ? amount.decimalValue() : BigDecimal.ZERO;
    }

    private static Double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
