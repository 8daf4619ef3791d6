package io.drip.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link ReportData} into the table the demo prints: per journey its runs, and per send step
 * (and variant) the runs that reached it, what dispatch did with the messages, human clicks,
 * preview bots and conversions; per A/B split each variant's rates, p-values and the winner.
 * It only lays out what the APIs said: every figure is one field of their answers.
 */
public final class JourneyReport {
    private static final String ROW = "  %-18s %-10s %7s %6s %9s %6s %6s %7s %5s %9s %9s%n";

    private JourneyReport() {
    }

    public static String render(JsonNode data) {
        StringBuilder out = new StringBuilder();
        for (JsonNode journey : data.path("journeys")) {
            String id = journey.path("id").asText();
            JsonNode of = data.path("byJourney").path(id);
            journey(out, journey, of);
        }
        out.append(legend());
        return out.toString();
    }

    private static void journey(StringBuilder out, JsonNode journey, JsonNode of) {
        JsonNode stats = of.path("stats");
        out.append(String.format(Locale.ROOT, "Journey %s \"%s\" (version %d, %s)%n", journey.path("id").asText(),
                journey.path("name").asText(), journey.path("version").asInt(), journey.path("status").asText()));
        out.append(String.format(Locale.ROOT, "  runs: entered %d, active %d, completed %d, exited %d%s; converted %d, revenue %s%n",
                stats.path("entered").asLong(), stats.path("active").asLong(), stats.path("completed").asLong(),
                stats.path("exited").asLong(), reasons(stats.path("exitReasons")), stats.path("converted").asLong(),
                money(stats.path("revenue"))));
        if (stats.path("steps").isEmpty()) {
            out.append("  no messages yet\n\n");
            return;
        }
        out.append(String.format(Locale.ROOT, ROW, "step", "variant", "entered", "sent", "delivered", "queued", "failed",
                "clicked", "bots", "converted", "revenue"));
        for (JsonNode step : stats.path("steps")) {
            String stepId = step.path("step").asText();
            JsonNode deliveries = of.path("deliveries").path(stepId);
            JsonNode clicks = of.path("clicks").path(stepId);
            out.append(String.format(Locale.ROOT, ROW, stepId, step.path("variant").asText("-"),
                    step.path("messages").asLong(), step.path("sent").asLong(), step.path("delivered").asLong(),
                    queued(deliveries), step.path("failed").asLong(), step.path("clicked").asLong(),
                    clicks.path("bot").asLong(), step.path("converted").asLong(), money(step.path("revenue"))));
            if (step.path("suppressed").asLong() > 0) {
                out.append(String.format(Locale.ROOT, "  %-29s suppressed %d%s%n", "", step.path("suppressed").asLong(),
                        reasons(step.path("suppressedBy"))));
            }
            String waiting = waitingReasons(deliveries);
            if (!waiting.isEmpty()) {
                out.append(String.format(Locale.ROOT, "  %-29s queued because of %s%n", "", waiting));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> splits = stats.path("splits").fields();
        while (splits.hasNext()) {
            Map.Entry<String, JsonNode> split = splits.next();
            abTest(out, split.getKey(), split.getValue());
        }
        out.append('\n');
    }

    private static void abTest(StringBuilder out, String stepId, JsonNode split) {
        String baseline = split.path("conversionBaseline").asText();
        out.append(String.format(Locale.ROOT, "  A/B test \"%s\" (conversions compared with %s):%n", stepId, baseline));
        out.append(String.format(Locale.ROOT, "    %-10s %6s %8s %7s %9s %7s %10s %8s%n", "variant", "runs", "clicked",
                "rate", "converted", "rate", "difference", "p-value"));
        for (JsonNode variant : split.path("variants")) {
            JsonNode conversions = variant.path("conversions");
            boolean isBaseline = variant.path("variant").asText().equals(baseline);
            out.append(String.format(Locale.ROOT, "    %-10s %6d %8d %7s %9d %7s %10s %8s%n", variant.path("variant").asText(),
                    variant.path("runs").asLong(), variant.path("clicked").asLong(),
                    percent(variant.path("runs").asLong(), variant.path("clicked").asLong()), variant.path("converted").asLong(),
                    percent(variant.path("runs").asLong(), variant.path("converted").asLong()),
                    isBaseline ? "baseline" : points(conversions.path("difference")),
                    isBaseline ? "" : pValue(conversions.path("pValue"))));
        }
        JsonNode winner = split.path("winner");
        out.append(winner.isTextual() ? "    winner: " + winner.asText() + " (better than every other group, p < 0.05)\n"
                : "    no winner yet (no variant converts better than all the others beyond chance, p < 0.05)\n");
    }

    /** Messages dispatch still holds: not sent yet (quiet hours, a country's no-marketing day, a busy route). */
    private static long queued(JsonNode deliveries) {
        JsonNode byStatus = deliveries.path("counts").path("byStatus");
        return byStatus.path("pending").asLong() + byStatus.path("sending").asLong();
    }

    private static String waitingReasons(JsonNode deliveries) {
        if (queued(deliveries) == 0) {
            return "";
        }
        JsonNode byReason = deliveries.path("counts").path("byReason");
        List<String> reasons = new ArrayList<>();
        for (String reason : List.of("quiet_hours", "no_marketing_day")) {
            if (byReason.path(reason).asLong() > 0) {
                reasons.add(reason + " " + byReason.path(reason).asLong());
            }
        }
        return String.join(", ", reasons);
    }

    private static String reasons(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String money(JsonNode amount) {
        return String.format(Locale.ROOT, "%.2f", amount.asDouble());
    }

    private static String percent(long of, long part) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / of);
    }

    private static String points(JsonNode difference) {
        return difference.isNumber() ? String.format(Locale.ROOT, "%+.1f pts", 100 * difference.asDouble()) : "-";
    }

    private static String pValue(JsonNode p) {
        return p.isNumber() ? String.format(Locale.ROOT, "%.3f", p.asDouble()) : "n/a";
    }

    private static String legend() {
        return """
                entered: runs that reached the step (a message each); sent and delivered: as dispatch reported them;
                queued: held by dispatch for now (quiet hours or a no-marketing day in the shopper's zone);
                suppressed: not sent, by reason (opted_out, cap_daily, cap_min_gap...); clicked: messages tapped by a
                person (link previews and bots are not clicks; bots: their fetches); converted: goal reached after the step.
                """;
    }
}
