package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.journey.definition.SplitStep;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The test-auto-winner journey (src/test/resources/journeys/auto-winner.yaml) on the real broker
 * and PostgreSQL: variant A converts far more often than B, the split decides for A by itself,
 * and every contact who reaches it afterwards gets A, the holdout keeping its share.
 */
@QuarkusTest
class AutoWinnerSplitTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JOURNEY = "test-auto-winner";
    private static final SplitStep PICK = new SplitStep("pick", List.of(new SplitStep.Variant("A", 45, "a"),
            new SplitStep.Variant("B", 45, "b"), new SplitStep.Variant(SplitStep.HOLDOUT, 10, null)), null);

    /** Enters the contacts and answers the run of each once it has its variant. */
    private static Map<String, JsonPath> enter(int contacts) {
        Map<String, JsonPath> runs = new LinkedHashMap<>();
        List<String> ids = IntStream.range(0, contacts).mapToObj(i -> "aw-" + UUID.randomUUID()).toList();
        TopicProbe.produceAll(Topics.CONTACTS, ids.stream()
                .map(id -> Map.entry(id, TestEvents.contactJson(id, "Ada"))).toList());
        TopicProbe.produceAll(Topics.EVENTS, ids.stream()
                .map(id -> Map.entry(id, TestEvents.trackJson(id, "enter-" + id, "Test Auto Winner Entered", "{}")))
                .toList());
        for (String contactId : ids) {
            Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> run(contactId).getString("variant") != null);
            runs.put(contactId, run(contactId));
        }
        return runs;
    }

    private static JsonPath run(String contactId) {
        return new JsonPath(TestEvents.journeysOf(contactId).prettify()).setRootPath("find { it.journey == '" + JOURNEY + "' }");
    }

    private static JsonPath stats() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + JOURNEY + "/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSplitWhoseVariantsClearlyDifferDecidesAndEveryLaterEntrantGetsTheWinner() {
        assertNull(stats().get("splits.pick.decision"), "undecided before any run");
        Map<String, JsonPath> before = enter(110);
        List<Map.Entry<String, String>> orders = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, JsonPath> entry : before.entrySet()) {
            String variant = entry.getValue().getString("variant");
            // A converts 4 runs in 5, B 1 in 10: a difference no test could miss
            if ("A".equals(variant) ? n % 5 != 0 : "B".equals(variant) && n % 10 == 0) {
                orders.add(Map.entry(entry.getKey(), TestEvents.trackJson(entry.getKey(), "order-" + UUID.randomUUID(),
                        "Test Auto Winner Ordered", "{\"total\": 40}")));
            }
            n++;
        }
        TopicProbe.produceAll(Topics.EVENTS, orders);

        Awaitility.await().atMost(WAIT).until(() -> stats().get("splits.pick.decision") != null);
        JsonPath stats = stats();
        assertEquals("A", stats.getString("splits.pick.decision.winner"));
        assertEquals("conversion", stats.getString("splits.pick.decision.evidence.metric"));
        assertEquals("B", stats.getString("splits.pick.decision.evidence.runnerUp"));
        assertTrue(stats.getDouble("splits.pick.decision.evidence.pValue") <= 0.05);
        assertTrue(stats.getDouble("splits.pick.decision.evidence.low") > 0, "the interval excludes no difference");
        assertTrue(stats.getLong("splits.pick.decision.evidence.runs") >= 60);
        assertNotNull(stats.getString("splits.pick.decision.evidence.decidedAt"));
        assertEquals("conversion", stats.getString("splits.pick.autoWinner.metric"));
        JsonPath series = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .get("/v1/journeys/" + JOURNEY + "/splits/pick/over-time").then().statusCode(200).extract().jsonPath();
        assertEquals("A", series.getString("decision.winner"));

        Map<String, JsonPath> after = enter(40);
        int version = after.values().iterator().next().getInt("version");
        int wouldHaveTakenB = 0;
        for (Map.Entry<String, JsonPath> entry : after.entrySet()) {
            JsonPath run = entry.getValue();
            SplitStep.Variant drawn = PICK.variantFor(JOURNEY, version, entry.getKey());
            wouldHaveTakenB += drawn.name().equals("B") ? 1 : 0;
            assertEquals(drawn.holdout() ? SplitStep.HOLDOUT : "A", run.getString("variant"), entry.getKey());
            if (!drawn.holdout()) {
                assertTrue(run.getString("history.find { it.what == 'assigned' }.detail").endsWith("(the decided winner)"));
            }
        }
        assertTrue(wouldHaveTakenB > 0, "some of them would have taken B without the decision");

        String timeline = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .accept(ContentType.TEXT).body("{\"journeyId\": \"" + JOURNEY + "\", \"contact\": {\"contactId\": \""
                        + contactDrawingB(version) + "\"}, \"events\": [{\"after\": \"0s\", \"event\": \"Test Auto Winner Entered\"}]}")
                .post("/v1/journeys/simulate").then().statusCode(200).extract().asString();
        assertTrue(timeline.contains("variant A (the decided winner)"), timeline);
    }

    /** A contact id the hash alone would put in B of this version. */
    private static String contactDrawingB(int version) {
        for (int i = 0; ; i++) {
            if (PICK.variantFor(JOURNEY, version, "sim-" + i).name().equals("B")) {
                return "sim-" + i;
            }
        }
    }
}
