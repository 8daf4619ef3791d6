package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** journey-service against the real broker and PostgreSQL: trigger, send, statuses, clicks. */
@QuarkusTest
class JourneyFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String JOURNEY = "test-welcome";

    private static void publishContact(String contactId, String firstName) {
        TestEvents.contact(contactId, firstName);
    }

    private static void publishSignUp(String contactId, String messageId) {
        TestEvents.track(contactId, messageId, "Test Signed Up", "{}");
    }

    private static JsonPath stats() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + JOURNEY + "/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    private static long stepCount(JsonPath stats, String field) {
        Number value = stats.get("steps.find { it.step == 'hello' }." + field);
        return value == null ? 0 : value.longValue();
    }

    @Test
    void aTriggerSendsTheRenderedMessageWithItsTrackedLink() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            publishContact(contactId, "Ada");
            publishSignUp(contactId, "m-" + contactId);
            var record = sends.await(r -> contactId.equals(r.key()), WAIT);
            var send = MessageJson.read(record.value(), SendCommand.class);
            assertEquals(JOURNEY, send.journeyId());
            assertEquals("hello", send.stepId());
            assertEquals("marketing", send.category());
            assertEquals(1, send.links().size());
            assertEquals("https://shop.example/welcome", send.links().get(0).url());
            assertEquals("Hi Ada, welcome! http://127.0.0.1:8084/" + send.links().get(0).code(), send.text());
        }
    }

    @Test
    void theTriggerMayArriveBeforeTheContactSnapshot() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            publishSignUp(contactId, "m-" + contactId);
            Thread.sleep(1500); // the run waits for the snapshot instead of guessing
            publishContact(contactId, "Grace");
            var send = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
            assertTrue(send.text().startsWith("Hi Grace"), send.text());
        }
    }

    @Test
    void aRedeliveredEventAndASecondTriggerWhileActiveSendNothingMore() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            publishContact(contactId, "Ada");
            publishSignUp(contactId, "m-" + contactId);
            publishSignUp(contactId, "m-" + contactId);
            var all = sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(4));
            assertEquals(1, all.size(), "one send for one event delivered twice: " + all);
        }
    }

    @Test
    void deliveriesAndHumanClicksReachTheStepStats() {
        String contactId = "c-" + UUID.randomUUID();
        SendCommand send;
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            publishContact(contactId, "Ada");
            publishSignUp(contactId, "m-" + contactId);
            send = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
        }
        JsonPath before = stats();
        Instant now = Instant.now();
        for (String status : new String[] {DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED}) {
            TopicProbe.produce(Topics.DELIVERIES, contactId, MessageJson.write(
                    new DeliveryStatus(send.messageId(), contactId, status, null, "sandbox", "sb-1", 1, now)));
        }
        String code = send.links().get(0).code();
        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(new Click("bot-" + UUID.randomUUID(), code,
                send.messageId(), contactId, JOURNEY, "hello", null, now, null, "Slackbot-LinkExpanding", "bot", true, null)));
        Click human = new Click("human-" + UUID.randomUUID(), code, send.messageId(), contactId, JOURNEY, "hello", null,
                now, "127.0.0.0", "Mozilla/5.0 (iPhone)", "mobile", false, null);
        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(human));
        TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(human)); // redelivered

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonPath after = stats();
            assertEquals(stepCount(before, "sent") + 1, stepCount(after, "sent"));
            assertEquals(stepCount(before, "delivered") + 1, stepCount(after, "delivered"));
            assertEquals(stepCount(before, "clicked") + 1, stepCount(after, "clicked"));
        });
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys")
                .then().statusCode(200).body("id", hasItem(JOURNEY));
    }

    @Test
    void aPoisonStatusGoesToTheDlq() {
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.DELIVERIES))) {
            TopicProbe.produce(Topics.DELIVERIES, key, "{\"status\":\"delivered\"}");
            assertEquals(key, dlq.await(r -> key.equals(r.key()), WAIT).key());
        }
    }

    @Test
    void statsNeedAnApiKey() {
        given().get("/v1/journeys/" + JOURNEY + "/stats").then().statusCode(401);
        given().auth().preemptive().basic(TestKeys.WRITE, "").get("/v1/journeys").then().statusCode(403);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/nope/stats")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }
}
