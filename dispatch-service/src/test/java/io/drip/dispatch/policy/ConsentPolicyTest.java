package io.drip.dispatch.policy;

import static io.drip.dispatch.Sends.command;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.Sends;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Consent at the moment of sending: a transactional opt-out holds back transactional messages
 * (not keyword replies), and a number's own STOP holds back what its snapshots do not show yet,
 * or no longer show (erasure, a new contact with the number).
 */
@QuarkusTest
class ConsentPolicyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Dutch numbers: no country rule applies. */
    private static String randomMobile() {
        return Sends.randomNumber("+316", 11);
    }

    private static void publishContact(String contactId, String phone, Map<String, String> consentByCategory, long version) {
        Map<String, ContactSnapshot.Consent> sms = new java.util.HashMap<>();
        consentByCategory.forEach((category, state) -> sms.put(category, new ContactSnapshot.Consent(state, Instant.now(), "keyword")));
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, version, phone, "valid",
                "Europe/Amsterdam", null, MessageJson.mapper().createObjectNode(), Map.of("sms", sms), Instant.now())));
    }

    /** Publishes the command and returns its first final status (sent, suppressed or failed). */
    private static DeliveryStatus outcome(SendCommand command) {
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, command.contactId(), MessageJson.write(command));
            return status(deliveries.await(r -> status(r).messageId().equals(command.messageId())
                    && !status(r).status().equals(DeliveryStatus.QUEUED), WAIT));
        }
    }

    /** The first final status of a new command of this category to the contact. */
    private static String statusOf(String contactId, String category, String text) {
        return outcome(command(contactId, "k-" + UUID.randomUUID(), category, text)).status();
    }

    private static void reply(String phone, String text) {
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/json")
                .body(new JsonObject().put("id", "MO-" + UUID.randomUUID()).put("from", phone).put("text", text).encode())
                .post("/v1/sandbox/inbound").then().statusCode(200);
    }

    @Test
    void aTransactionalOptOutHoldsBackTransactionalMessagesButNotTheKeywordsReply() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), Map.of("marketing", "opted_out", "transactional", "opted_out"), 1);
        var receipt = outcome(command(contactId, "k-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL, "Your order shipped"));
        assertEquals(DeliveryStatus.SUPPRESSED, receipt.status());
        assertEquals("opted_out", receipt.reason());
        var confirmation = outcome(SendCommand.keywordReply(contactId, "sandbox:MO-" + UUID.randomUUID(),
                "You are unsubscribed.", Instant.now()));
        assertEquals(DeliveryStatus.SENT, confirmation.status());
    }

    @Test
    void aTransactionalMessageSkipsTheMarketingOptOut() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), Map.of("marketing", "opted_out"), 1);
        assertEquals(DeliveryStatus.SENT, statusOf(contactId, SendCommand.TRANSACTIONAL, "Your order shipped"));
    }

    @Test
    void aStopHoldsBackMarketingBeforeTheSnapshotSaysSoAndAfterAnErasure() {
        String phone = randomMobile();
        String contactId = Sends.contactWith(phone);
        assertEquals(DeliveryStatus.SENT, statusOf(contactId, SendCommand.TRANSACTIONAL, "Welcome")); // dispatch knows the contact now
        reply(phone, "STOP please");
        // contact-service has not acted on the STOP: the snapshot still says nothing
        var held = outcome(command(contactId, "k-" + UUID.randomUUID(), SendCommand.MARKETING, "Sale"));
        assertEquals(DeliveryStatus.SUPPRESSED, held.status());
        assertEquals("opted_out", held.reason());
        // erased, and the number identified again as a new contact without consent
        TopicProbe.produce(Topics.CONTACTS, contactId, null);
        String again = Sends.contactWith(phone);
        assertEquals(DeliveryStatus.SUPPRESSED, statusOf(again, SendCommand.MARKETING, "Sale"));
        // transactional messages still go: STOP is about marketing
        assertEquals(DeliveryStatus.SENT, statusOf(again, SendCommand.TRANSACTIONAL, "Your order shipped"));
    }

    @Test
    void aStopFromANumberNoContactHasYetIsHonouredWhenOneTakesIt() {
        String phone = randomMobile();
        reply(phone, "STOPALL");
        String contactId = Sends.contactWith(phone);
        assertEquals(DeliveryStatus.SUPPRESSED, statusOf(contactId, SendCommand.TRANSACTIONAL, "Your order shipped"));
    }

    @Test
    void startFromTheNumberOrAConfirmedDoubleOptInLiftsTheNumbersOptOut() {
        String phone = randomMobile();
        String contactId = Sends.contactWith(phone);
        reply(phone, "STOP");
        assertEquals(DeliveryStatus.SUPPRESSED, statusOf(contactId, SendCommand.MARKETING, "Sale"));
        // a Y confirming a double opt-in: contact-service's snapshot says opted in by keyword, later than the STOP
        publishContact(contactId, phone, Map.of("marketing", "opted_in"), 2);
        assertEquals(DeliveryStatus.SENT, statusOf(contactId, SendCommand.MARKETING, "Sale"));

        String other = randomMobile();
        String second = Sends.contactWith(other);
        reply(other, "stop");
        reply(other, "START");
        assertEquals(DeliveryStatus.SENT, statusOf(second, SendCommand.MARKETING, "Sale"));
    }
}
