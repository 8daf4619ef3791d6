package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.engine.ReplyDecider;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The test-survey journey (src/test/resources/journeys/survey.yaml) on the real broker and
 * PostgreSQL: "Reply 1 for dresses, 2 for shoes", its answers arriving on drip.inbound.v1 as
 * dispatch publishes them, with a 6 s timeout.
 */
@QuarkusTest
class RepliesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static SendCommand next(TopicProbe sends, String contactId, String stepId) {
        return MessageJson.read(sends.await(r -> contactId.equals(r.key())
                && MessageJson.read(r.value(), SendCommand.class).stepId().equals(stepId), WAIT).value(), SendCommand.class);
    }

    /** The contact starts the survey and gets its question. */
    private static String asked(TopicProbe sends) {
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Ada");
        TestEvents.track(contactId, "survey-" + UUID.randomUUID(), "Test Survey Started", "{}");
        assertEquals("Reply 1 for dresses, 2 for shoes", next(sends, contactId, "ask-size").text());
        return contactId;
    }

    /** An SMS from the contact, as dispatch publishes it (it recognised {@code action}, if any). */
    private static void reply(String contactId, String text, String keyword, InboundSms.Action action) {
        String inboundId = "sandbox:" + UUID.randomUUID();
        InboundSms sms = action == null
                ? InboundSms.text(inboundId, contactId, "+33612345678", "+33700000000", text, "sandbox", Instant.now())
                : InboundSms.keyword(inboundId, contactId, "+33612345678", "+33700000000", text, keyword, action,
                        "sandbox", Instant.now());
        TopicProbe.produce(Topics.INBOUND, contactId, MessageJson.write(sms));
    }

    private static JsonPath stats() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/test-survey/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    private static int count(JsonPath stats, String path) {
        Integer value = stats.get(path);
        return value == null ? 0 : value;
    }

    @Test
    void aReplyOfOneBranchesTheRunToDressesWithTheReplyInItsText() {
        JsonPath before = stats();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = asked(sends);
            reply(contactId, "1.", null, null);
            assertEquals("Dresses it is (1.)", next(sends, contactId, "dresses").text());

            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonPath run = TestEvents.journeysOf(contactId);
                assertEquals("surveyed", run.getString("[0].exitReason"));
                String replied = run.getString("[0].history.find { it.what == 'replied' }.detail");
                assertTrue(replied.startsWith("\"1.\" to ") && replied.endsWith(": to dresses"), replied);
            });
        }
        JsonPath after = stats();
        assertEquals(count(before, "replies.answer.ledTo.dresses") + 1, count(after, "replies.answer.ledTo.dresses"));
        assertEquals(count(before, "replies.answer.replied") + 1, count(after, "replies.answer.replied"));
        assertEquals(count(before, "steps.find { it.step == 'ask-size' }.replied") + 1,
                count(after, "steps.find { it.step == 'ask-size' }.replied"));
    }

    @Test
    void aReplyNoAnswerMatchesGoesToTheNextStep() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = asked(sends);
            reply(contactId, "Hats?", null, null);
            assertEquals("Sorry, we did not get 'Hats?'", next(sends, contactId, "other").text());
        }
    }

    @Test
    void withoutAReplyTheRunTakesTheTimeoutBranch() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = asked(sends);
            long asked = System.nanoTime();
            assertEquals("No time to answer? 10% off all week", next(sends, contactId, "no-answer").text());
            assertTrue((System.nanoTime() - asked) / 1_000_000 >= 5000, "after the 6 s wait");
        }
    }

    @Test
    void stopAsAReplyEndsTheRunAndIsNoAnswer() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = asked(sends);
            reply(contactId, "Stop please", "STOP", InboundSms.Action.OPT_OUT);

            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonPath run = TestEvents.journeysOf(contactId);
                assertEquals("exited", run.getString("[0].status"));
                assertEquals(ReplyDecider.OPTED_OUT, run.getString("[0].exitReason"));
            });
            var later = sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(8));
            assertEquals(1, later.size(), "the question only: no answer branch, no timeout branch: " + later);
        }
    }

    @Test
    void helpIsNoAnswerAndTheRunWaitsForOne() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = asked(sends);
            reply(contactId, "HELP", "HELP", InboundSms.Action.HELP);
            reply(contactId, "2", null, null);
            assertEquals("Shoes it is", next(sends, contactId, "shoes").text());

            JsonPath run = TestEvents.journeysOf(contactId);
            assertEquals(List.of("entered", "sent", "waiting", "reply_ignored", "replied"),
                    run.getList("[0].history.what").subList(0, 5));
        }
    }

    @Test
    void aPoisonReplyGoesToTheDlqAndTheNextReplyIsApplied() {
        try (var sends = TopicProbe.watch(Topics.SENDS); var dlq = TopicProbe.watch(Topics.dlq(Topics.INBOUND))) {
            String contactId = asked(sends);
            TopicProbe.produce(Topics.INBOUND, contactId, "{\"inboundId\":\"x\",\"text\":");
            reply(contactId, "2", null, null);
            assertEquals("Shoes it is", next(sends, contactId, "shoes").text());
            assertEquals(contactId, dlq.await(r -> contactId.equals(r.key()), WAIT).key());
        }
    }
}
