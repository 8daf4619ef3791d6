package io.drip.dispatch.policy;

import static io.drip.dispatch.Sends.command;
import static io.drip.dispatch.Sends.publishContact;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.Sends;
import io.drip.kit.holdout.GlobalHoldout;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The caps per tag and the global holdout on the real broker and PostgreSQL, with the caps per
 * contact off (they would cap every second message of the day first): one abandoned-cart SMS per
 * 48 hours, one promotion per business line in 30 days plus one marked urgent, half of the
 * contacts held out.
 */
@QuarkusTest
@TestProfile(TagCapsAndHoldoutTest.TagCapsAndHoldout.class)
class TagCapsAndHoldoutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class TagCapsAndHoldout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.dispatch.caps.per-day", "0", "drip.dispatch.caps.per-30-days", "0",
                    "drip.dispatch.caps.min-gap", "PT0S",
                    "drip.dispatch.caps.tags.abandoned_cart.max", "1", "drip.dispatch.caps.tags.abandoned_cart.per", "PT48H",
                    "drip.dispatch.caps.tags.promo.max", "1", "drip.dispatch.caps.tags.promo.per", "P30D",
                    "drip.dispatch.caps.tags.promo.urgent", "1",
                    "drip.holdout.share", "0.5", "drip.holdout.key", "test-holdout-key");
        }
    }

    @Inject
    GlobalHoldout holdout;

    /** A new contact, held out or not as asked, with a Dutch number (no country rule applies); returns its id. */
    private String contact(boolean heldOut) {
        String contactId;
        do {
            contactId = "c-" + UUID.randomUUID();
        } while (holdout.holdsOut(contactId) != heldOut);
        publishContact(contactId, Sends.randomNumber("+316", 11), null);
        return contactId;
    }

    /** Publishes a send and returns its first final or queued status. */
    private static DeliveryStatus outcome(TopicProbe probe, SendCommand send) {
        TopicProbe.produce(Topics.SENDS, send.contactId(), MessageJson.write(send));
        return status(probe.await(r -> status(r).messageId().equals(send.messageId()), WAIT));
    }

    private static SendCommand marketing(String contactId, String journey, String... tags) {
        SendCommand c = command(contactId, "k-" + UUID.randomUUID(), SendCommand.MARKETING, "Offer from " + journey);
        return new SendCommand(c.messageId(), c.idempotencyKey(), contactId, journey, 1, "offer", null, "sms",
                c.category(), c.text(), List.of(), null, null, c.createdAt()).withTags(List.of(tags));
    }

    @Test
    void aSecondAbandonedCartWithin48HoursIsCappedWhileAnotherTagPasses() {
        String contactId = contact(false);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            assertEquals("sent", outcome(deliveries, marketing(contactId, "cart", "abandoned_cart")).status());
            DeliveryStatus second = outcome(deliveries, marketing(contactId, "checkout", "abandoned_cart"));
            assertEquals(DeliveryStatus.SUPPRESSED, second.status());
            assertEquals("cap_tag:abandoned_cart", second.reason());
            assertEquals("sent", outcome(deliveries, marketing(contactId, "sale", "promo:shoes")).status());
        }
    }

    @Test
    void anUrgentPromotionGoesPastItsCapOnce() {
        String contactId = contact(false);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            assertEquals("sent", outcome(deliveries, marketing(contactId, "sale", "promo:shoes")).status());
            assertEquals("cap_tag:promo", outcome(deliveries, marketing(contactId, "sale", "promo:shoes")).reason());
            assertEquals("sent", outcome(deliveries, marketing(contactId, "flash", "promo:shoes", "urgent")).status());
            assertEquals("cap_tag:promo",
                    outcome(deliveries, marketing(contactId, "flash", "promo:shoes", "urgent")).reason());
            assertEquals("sent", outcome(deliveries, marketing(contactId, "sale", "promo:bags")).status(),
                    "another business line has its own cap");
        }
    }

    @Test
    void aHeldOutContactGetsNoMarketingFromAnyJourneyButItsTransactionalMessages() {
        String contactId = contact(true);
        SendCommand welcome = marketing(contactId, "welcome");
        SendCommand winback = marketing(contactId, "winback", "promo:shoes");
        SendCommand receipt = command(contactId, "k-" + UUID.randomUUID(), SendCommand.TRANSACTIONAL, "Your order shipped");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            DeliveryStatus first = outcome(deliveries, welcome);
            assertEquals(DeliveryStatus.SUPPRESSED, first.status());
            assertEquals(SendPolicy.HELD_OUT, first.reason());
            assertEquals(SendPolicy.HELD_OUT, outcome(deliveries, winback).reason());
            assertEquals("sent", outcome(deliveries, receipt).status());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/messages/" + welcome.messageId())
                .then().statusCode(200).body("message.status", equalTo("suppressed"))
                .body("message.reason", equalTo("held_out"));
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).queryParam("contact", contactId)
                .queryParam("status", "suppressed").get("/v1/messages").then().statusCode(200).body("$", hasSize(2));
    }
}
