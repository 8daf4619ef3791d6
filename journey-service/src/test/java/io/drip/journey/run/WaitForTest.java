package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.engine.Reaction;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The test-reminder journey (src/test/resources/journeys/reminder.yaml) on the real broker and
 * PostgreSQL: wait_for a click and an event with timeouts, exit_when, and re-entry.
 */
@QuarkusTest
class WaitForTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static SendCommand next(TopicProbe sends, String contactId, String stepId) {
        return MessageJson.read(sends.await(r -> contactId.equals(r.key())
                && MessageJson.read(r.value(), SendCommand.class).stepId().equals(stepId), WAIT).value(), SendCommand.class);
    }

    private static String browse(String contactId) {
        TestEvents.contact(contactId, "Ada");
        TestEvents.track(contactId, "browse-" + UUID.randomUUID(), "Test Browse", "{}");
        return contactId;
    }

    private static int exitedWith(String reason) {
        Integer count = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER))
                .get("/v1/journeys/test-reminder/stats").then().statusCode(200)
                .extract().jsonPath().get("exitReasons." + reason);
        return count == null ? 0 : count;
    }

    @Test
    void aHumanClickOnTheNudgeMovesTheRunOnAtOnce() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            browse(contactId);
            SendCommand nudge = next(sends, contactId, "nudge");
            long clickedAt = System.nanoTime();
            TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(new Click(UUID.randomUUID().toString(),
                    nudge.links().get(0).code(), nudge.messageId(), contactId, "test-reminder", "nudge", null,
                    Instant.now(), null, "Mozilla/5.0 (iPhone)", "mobile", false, null)));
            SendCommand thanks = next(sends, contactId, "thanks");
            assertEquals("Glad you liked it", thanks.text());
            assertTrue((System.nanoTime() - clickedAt) / 1_000_000 < 3500, "moved on before the 4 s timeout");
        }
    }

    @Test
    void withoutAClickTheRunWaitsForTheEventAndTheEventMovesItOn() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            browse(contactId);
            next(sends, contactId, "nudge");
            Thread.sleep(6000); // the click wait (4 s) has timed out; the event wait (4 s more) runs
            TestEvents.track(contactId, "back-" + UUID.randomUUID(), "Test Came Back", "{}");
            assertEquals("Welcome back", next(sends, contactId, "welcome-back").text());
        }
    }

    @Test
    void whenNothingComesBothTimeoutsLeadToTheLastCall() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            browse(contactId);
            next(sends, contactId, "nudge");
            long start = System.nanoTime();
            assertEquals("Last call", next(sends, contactId, "last-call").text());
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 7500, "both 4 s timeouts passed");
        }
    }

    @Test
    void anExitEventEndsTheRunAndReentryIsRefusedWithinTheHour() {
        int exitsBefore = exitedWith(Reaction.EXIT_WHEN);
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            browse(contactId);
            next(sends, contactId, "nudge");
            TestEvents.track(contactId, "buy-" + UUID.randomUUID(), "Test Purchase", "{}");
            Awaitility.await().atMost(WAIT).until(() -> exitedWith(Reaction.EXIT_WHEN) > exitsBefore);
            TestEvents.track(contactId, "browse-again-" + UUID.randomUUID(), "Test Browse", "{}");
            var later = sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(10));
            assertEquals(1, later.size(), "no reminder after the purchase, no second entry: " + later);
        }
    }
}
