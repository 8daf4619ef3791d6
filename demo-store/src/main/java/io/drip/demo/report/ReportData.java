package io.drip.demo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.demo.Endpoints;
import io.drip.demo.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Everything the report shows, as the services' read APIs answer it, in one JSON document:
 * {@code journeys} (journey-service {@code GET /v1/journeys}), and per journey id its
 * {@code stats} ({@code GET /v1/journeys/{id}/stats}), and per send step its {@code deliveries}
 * (dispatch {@code GET /v1/reports/deliveries?journey=&step=}) and {@code clicks} (tracking
 * {@code GET /v1/stats/clicks?journey=&step=}). Kept whole so a report can be rendered again from a
 * saved copy (the unit tests do).
 */
public final class ReportData {
    private ReportData() {
    }

    public static ObjectNode fetch(Http http, Endpoints at) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        JsonNode journeys = http.getJson(at.journey + "/v1/journeys", at.adminKey);
        data.set("journeys", journeys);
        ObjectNode byJourney = data.putObject("byJourney");
        for (JsonNode journey : journeys) {
            String id = journey.path("id").asText();
            ObjectNode of = byJourney.putObject(id);
            JsonNode stats = http.getJson(at.journey + "/v1/journeys/" + encode(id) + "/stats", at.adminKey);
            of.set("stats", stats);
            ObjectNode deliveries = of.putObject("deliveries");
            ObjectNode clicks = of.putObject("clicks");
            for (JsonNode step : stats.path("steps")) {
                String stepId = step.path("step").asText();
                if (deliveries.has(stepId)) {
                    continue; // one row per variant; dispatch and tracking count the step as a whole
                }
                String query = "journey=" + encode(id) + "&step=" + encode(stepId);
                deliveries.set(stepId, http.getJson(at.dispatch + "/v1/reports/deliveries?" + query, at.adminKey));
                clicks.set(stepId, http.getJson(at.tracking + "/v1/stats/clicks?" + query, at.adminKey));
            }
        }
        return data;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
