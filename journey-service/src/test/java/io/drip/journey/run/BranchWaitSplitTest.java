package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The test-offer journey (src/test/resources/journeys/offer.yaml) on the real broker and
 * PostgreSQL: a CEL branch, a durable wait and an A/B split.
 */
@QuarkusTest
class BranchWaitSplitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> TEXT_OF_VARIANT = Map.of("A", "A: 10% off", "B", "B: free shipping");

    private static SendCommand abandonCart(String contactId, int value) {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Ada");
            TestEvents.track(contactId, "m-" + contactId, "Test Cart Abandoned", "{\"value\":" + value + "}");
            return MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
        }
    }

    private static int exitedWith(String reason) {
        Integer count = stats().get("exitReasons." + reason);
        return count == null ? 0 : count;
    }

    @Test
    void aBigCartBranchesStraightToItsMessageAndExitsWithTheReason() {
        int offeredBefore = exitedWith("offered");
        String contactId = "c-" + UUID.randomUUID();
        SendCommand send = abandonCart(contactId, 150);
        assertEquals("big", send.stepId());
        assertEquals("Your cart of 150 is waiting", send.text());
        assertEquals(null, send.variant(), "no split on this path");
        Awaitility.await().atMost(WAIT).until(() -> exitedWith("offered") > offeredBefore);
    }

    @Test
    void aSmallCartWaitsOnTheDurableTimerThenGetsItsVariantsMessage() {
        String contactId = "c-" + UUID.randomUUID();
        long start = System.nanoTime();
        SendCommand send = abandonCart(contactId, 20);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis >= 1900, "the 2 s wait was kept: sent after " + waitedMillis + " ms");
        assertTrue(TEXT_OF_VARIANT.containsKey(send.variant()), "variant " + send.variant());
        assertEquals(TEXT_OF_VARIANT.get(send.variant()), send.text());
        assertEquals(send.variant().equals("A") ? "ten-off" : "free-ship", send.stepId());
    }

    @Test
    void anOrderAfterTheMessageIsAConversionOfItsStepCountedOncePerRun() {
        String contactId = "c-" + UUID.randomUUID();
        JsonPath before = stats();
        abandonCart(contactId, 150);
        TestEvents.track(contactId, "order-" + UUID.randomUUID(), "Test Order Completed", "{\"total\": 99.5}");
        TestEvents.track(contactId, "order-" + UUID.randomUUID(), "Test Order Completed", "{\"total\": 10}");
        String bystander = "c-" + UUID.randomUUID();
        TestEvents.contact(bystander, "Bob");
        TestEvents.track(bystander, "order-" + UUID.randomUUID(), "Test Order Completed", "{\"total\": 5}");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            var after = stats();
            assertEquals(before.getLong("converted") + 1, after.getLong("converted"));
            assertEquals(0, before.getDouble("revenue") + 99.5 - after.getDouble("revenue"), 0.001);
            assertEquals(bigStep(before, "converted") + 1, bigStep(after, "converted"));
        });
        try {
            Thread.sleep(2000); // the second order and the bystander's had their chance
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(before.getLong("converted") + 1, stats().getLong("converted"), "once per run, none without a message");
    }

    @Test
    void theSplitsResultCountsRunsAndConversionsPerVariantAgainstTheFirstVariant() {
        String contactId = "c-" + UUID.randomUUID();
        SendCommand send = abandonCart(contactId, 20);
        JsonPath before = stats();
        TestEvents.track(contactId, "order-" + UUID.randomUUID(), "Test Order Completed", "{\"total\": 30}");
        String variant = "splits.offer.variants.find { it.variant == '" + send.variant() + "' }.";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(
                before.getLong(variant + "converted") + 1, stats().getLong(variant + "converted")));
        JsonPath after = stats();
        assertEquals("A", after.getString("splits.offer.clickBaseline"));
        assertEquals("A", after.getString("splits.offer.conversionBaseline"), "no holdout: the first variant");
        assertTrue(after.getLong(variant + "runs") >= after.getLong(variant + "converted"));
        // JsonPath reads JSON numbers as floats: a float's precision
        assertEquals((double) after.getLong(variant + "converted") / after.getLong(variant + "runs"),
                after.getDouble(variant + "conversions.rate"), 1e-6);
    }

    @Test
    void aPeriodCountsOnlyTheRunsThatEnteredInItAndTheSplitsRatesAreGivenOverTime() {
        Instant from = Instant.now();
        String contactId = "c-" + UUID.randomUUID();
        SendCommand send = abandonCart(contactId, 20);
        TestEvents.track(contactId, "order-" + UUID.randomUUID(), "Test Order Completed", "{\"total\": 30}");
        Instant to = Instant.now();
        String variant = "splits.offer.variants.find { it.variant == '" + send.variant() + "' }.";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, stats(from, to).getLong("converted")));
        JsonPath period = stats(from, to);
        assertEquals(1, period.getLong("entered"), "only the run that entered in the period");
        assertEquals(1, period.getLong(variant + "runs"));
        assertEquals(1, period.getLong("steps.find { it.step == '" + send.stepId() + "' }.messages"), "the run's message");
        assertEquals(from.toString(), period.getString("period.from"));
        assertEquals(0, stats(to, to.plusSeconds(60)).getLong("entered"), "none entered later");

        JsonPath series = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("every", "minute")
                .get("/v1/journeys/test-offer/splits/offer/over-time").then().statusCode(200).extract().jsonPath();
        assertEquals("minute", series.getString("every"));
        assertEquals(List.of(send.variant()), series.getList("points.variant"), "one run: one point");
        assertEquals(1, series.getLong("points[0].runs"));
        assertEquals(1, series.getLong("points[0].converted"));
        assertEquals(1.0, series.getDouble("points[0].conversionRate.rate"), 1e-9);
        assertTrue(series.getString("points[0].at").endsWith(":00Z"), "a minute's start: " + series.getString("points[0].at"));
    }

    @Test
    void ratesOverTimeSayWhatIsWrongWithTheRequest() {
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("every", "week")
                .get("/v1/journeys/test-offer/splits/offer/over-time").then().statusCode(400);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .get("/v1/journeys/test-offer/splits/no-such-step/over-time").then().statusCode(404);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("from", "yesterday")
                .get("/v1/journeys/test-offer/stats").then().statusCode(400);
    }

    private static JsonPath stats(Instant from, Instant to) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/journeys/test-offer/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath stats() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/test-offer/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    private static long bigStep(JsonPath stats, String field) {
        Number value = stats.get("steps.find { it.step == 'big' }." + field);
        return value == null ? 0 : value.longValue();
    }
}
