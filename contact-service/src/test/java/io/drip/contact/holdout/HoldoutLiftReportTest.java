package io.drip.contact.holdout;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.kit.holdout.GlobalHoldout;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lift report against a known data set, ingested over the Segment API into the real
 * PostgreSQL: 20 held-out contacts of whom 4 ordered (50 each) and 20 others of whom 10 ordered
 * (100 each), in a month of their own. Contacts other tests left are counted too (the report
 * counts every contact), so the expected figures add this test's to what the report said before.
 */
@QuarkusTest
@TestProfile(HoldoutLiftReportTest.HalfHeldOut.class)
class HoldoutLiftReportTest {
    private static final Instant FROM = Instant.parse("2031-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2031-04-01T00:00:00Z");

    public static class HalfHeldOut implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.holdout.share", "0.5", "drip.holdout.key", "test-holdout-key");
        }
    }

    @Inject
    GlobalHoldout holdout;

    private static JsonPath report() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .get("/v1/reports/holdout-lift").then().statusCode(200).extract().jsonPath();
    }

    /** A new contact, held out or not as asked, and its order in the period if it converts. */
    private String contact(boolean heldOut, int revenue, StringBuilder batch) {
        String id;
        do {
            id = "lift-" + UUID.randomUUID();
        } while (holdout.holdsOut(id) != heldOut);
        batch.append("{\"type\":\"identify\",\"userId\":\"").append(id).append("\",\"traits\":{}},");
        if (revenue > 0) {
            batch.append("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"").append(id)
                    .append("\",\"messageId\":\"").append(id).append("-o\",\"timestamp\":\"")
                    .append(FROM.plusSeconds(86_400L * 10)).append("\",\"properties\":{\"revenue\":").append(revenue)
                    .append("}},");
        }
        return id;
    }

    @Test
    void theReportGivesEachGroupsRatesAndTheLiftWithItsInterval() {
        JsonPath before = report();
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 20; i++) {
            contact(true, i < 4 ? 50 : 0, batch);
            contact(false, i < 10 ? 100 : 0, batch);
        }
        batch.setLength(batch.length() - 1);
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                .body(batch.append("]}").toString()).post("/v1/batch").then().statusCode(200);

        JsonPath after = report();
        assertEquals(0.5, after.getDouble("holdoutShare"));
        long heldOut = before.getLong("holdout.contacts") + 20;
        long rest = before.getLong("rest.contacts") + 20;
        assertEquals(heldOut, after.getLong("holdout.contacts"));
        assertEquals(rest, after.getLong("rest.contacts"));
        assertEquals(before.getLong("holdout.converted") + 4, after.getLong("holdout.converted"));
        assertEquals(before.getLong("rest.converted") + 10, after.getLong("rest.converted"));
        double heldOutRate = (before.getLong("holdout.converted") + 4) / (double) heldOut;
        double restRate = (before.getLong("rest.converted") + 10) / (double) rest;
        assertEquals(heldOutRate, after.getDouble("holdout.conversionRate.value"), 1e-9);
        assertEquals(restRate, after.getDouble("rest.conversionRate.value"), 1e-9);
        assertEquals((before.getDouble("holdout.revenue") + 200) / heldOut,
                after.getDouble("holdout.revenuePerContact.value"), 1e-6);
        assertEquals((before.getDouble("rest.revenue") + 1000) / rest, after.getDouble("rest.revenuePerContact.value"),
                1e-6);
        double lift = after.getDouble("lift.conversionRate.value");
        assertEquals(restRate - heldOutRate, lift, 1e-9);
        assertTrue(after.getDouble("lift.conversionRate.low") < lift && lift < after.getDouble("lift.conversionRate.high"),
                "the interval brackets the difference: " + after.getMap("lift"));
        double revenueLift = after.getDouble("lift.revenuePerContact.value");
        assertTrue(after.getDouble("lift.revenuePerContact.low") < revenueLift
                && revenueLift < after.getDouble("lift.revenuePerContact.high"), after.getMap("lift").toString());
    }
}
