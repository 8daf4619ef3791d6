package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.command;
import static io.drip.dispatch.Sends.publishContact;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.Sends;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** dispatch-service against the real broker and PostgreSQL, with the sandbox provider. */
@QuarkusTest
class DispatchFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Dutch numbers: no country rule applies, so tests do not depend on the day they run. */
    private static String randomMobile() {
        return Sends.randomNumber("+316", 11);
    }

    @Test
    void aSendReachesTheSandboxInboxAndIsSentThenDelivered() {
        String contactId = "c-" + UUID.randomUUID();
        String phone = randomMobile();
        SendCommand send = command(contactId, "run-1:hello:" + contactId, SendCommand.MARKETING, "Hello from Drip");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            publishContact(contactId, phone, null);
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(send));
            var sent = status(deliveries.await(r -> contactId.equals(r.key()) && status(r).status().equals("sent"), WAIT));
            var delivered = status(deliveries.await(r -> contactId.equals(r.key())
                    && status(r).status().equals("delivered"), WAIT));
            assertEquals(send.messageId(), sent.messageId());
            assertEquals("sandbox", sent.provider());
            assertEquals(sent.providerMessageId(), delivered.providerMessageId());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].text", equalTo("Hello from Drip Reply STOP to opt out")).body("[0].status", equalTo("delivered"));
    }

    @Test
    void theSameIdempotencyKeyNeverSendsTwice() {
        String contactId = "c-" + UUID.randomUUID();
        String phone = randomMobile();
        publishContact(contactId, phone, null);
        String key = "run-2:hello:" + contactId;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command(contactId, key, "marketing", "Once")));
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command(contactId, key, "marketing", "Once")));
            var sent = deliveries.all(r -> contactId.equals(r.key()) && status(r).status().equals("sent"),
                    Duration.ofSeconds(5));
            assertEquals(1, sent.size(), sent.toString());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void anOptedOutContactGetsNoMarketingButStillTransactional() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), ContactSnapshot.Consent.OPTED_OUT);
        SendCommand marketing = command(contactId, "k-m-" + contactId, SendCommand.MARKETING, "Sale!");
        SendCommand receipt = command(contactId, "k-t-" + contactId, SendCommand.TRANSACTIONAL, "Your order shipped");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(marketing));
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(receipt));
            var suppressed = status(deliveries.await(r -> status(r).messageId().equals(marketing.messageId()), WAIT));
            assertEquals("suppressed", suppressed.status());
            assertEquals("opted_out", suppressed.reason());
            var sent = status(deliveries.await(r -> status(r).messageId().equals(receipt.messageId()), WAIT));
            assertEquals("sent", sent.status());
        }
    }

    @Test
    void aSendWaitsForTheContactItHasNotSeenYet() throws Exception {
        String contactId = "c-" + UUID.randomUUID();
        SendCommand send = command(contactId, "k-" + contactId, SendCommand.TRANSACTIONAL, "Code 1234");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(send));
            Thread.sleep(1500);
            publishContact(contactId, randomMobile(), null);
            assertEquals("sent", status(deliveries.await(r -> contactId.equals(r.key()), WAIT)).status());
        }
    }

    @Test
    void aPoisonCommandGoesToTheDlqAndTheInboxNeedsAKey() {
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.SENDS))) {
            TopicProbe.produce(Topics.SENDS, key, "[1,2,3]");
            assertEquals("[1,2,3]", dlq.await(r -> key.equals(r.key()), WAIT).value());
        }
        given().get("/v1/sandbox/messages").then().statusCode(401);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("limit", 0)
                .get("/v1/sandbox/messages").then().statusCode(400).body("field", equalTo("limit"));
    }

    private static SendCommand withWindow(SendCommand c, String from, String to) {
        return new SendCommand(c.messageId(), c.idempotencyKey(), c.contactId(), c.journeyId(), c.journeyVersion(),
                c.stepId(), c.variant(), c.channel(), c.category(), c.text(), c.links(), c.notBefore(),
                new SendCommand.SendWindow(from, to), c.createdAt());
    }

    @Test
    void marketingInQuietHoursIsQueuedNotSentButTransactionalLeaves() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), null);
        // a window that opens two hours from now in the contact's zone: now is quiet hours
        var paris = java.time.ZonedDateTime.now(java.time.ZoneId.of("Europe/Paris"));
        String from = paris.plusHours(2).toLocalTime().withSecond(0).withNano(0).toString();
        String to = paris.plusHours(3).toLocalTime().withSecond(0).withNano(0).toString();
        SendCommand marketing = withWindow(command(contactId, "k-q-" + contactId, SendCommand.MARKETING, "Sale"), from, to);
        SendCommand receipt = withWindow(command(contactId, "k-r-" + contactId, SendCommand.TRANSACTIONAL, "Receipt"),
                from, to);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(marketing));
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(receipt));
            var queued = status(deliveries.await(r -> status(r).messageId().equals(marketing.messageId()), WAIT));
            assertEquals("queued", queued.status());
            assertEquals("quiet_hours", queued.reason());
            assertEquals("sent", status(deliveries.await(r -> status(r).messageId().equals(receipt.messageId()), WAIT))
                    .status());
            var later = deliveries.all(r -> status(r).messageId().equals(marketing.messageId()), Duration.ofSeconds(3));
            assertEquals(1, later.size(), "only queued, never sent inside quiet hours: " + later);
        }
        // the delivery report says why the step's message waits
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("journey", marketing.journeyId())
                .queryParam("step", marketing.stepId()).queryParam("from", marketing.createdAt().minusSeconds(1).toString())
                .queryParam("to", Instant.now().plusSeconds(1).toString())
                .get("/v1/reports/deliveries").then().statusCode(200)
                .body("counts.byStatus.pending", equalTo(1))
                .body("counts.byQueuedReason.quiet_hours", equalTo(1));
    }

    @Test
    void aSecondMarketingMessageTheSameDayIsSuppressedByTheCap() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), null);
        SendCommand first = command(contactId, "k-1-" + contactId, SendCommand.MARKETING, "First");
        SendCommand second = command(contactId, "k-2-" + contactId, SendCommand.MARKETING, "Second");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(first));
            assertEquals("sent", status(deliveries.await(r -> status(r).messageId().equals(first.messageId()), WAIT))
                    .status());
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(second));
            var capped = status(deliveries.await(r -> status(r).messageId().equals(second.messageId()), WAIT));
            assertEquals("suppressed", capped.status());
            assertEquals("cap_daily", capped.reason());
        }
    }

    @Test
    void aCommandOlderThanTheMaximumAgeIsDroppedAsExpired() {
        String contactId = "c-" + UUID.randomUUID();
        publishContact(contactId, randomMobile(), null);
        SendCommand c = command(contactId, "k-old-" + contactId, SendCommand.TRANSACTIONAL, "Your code is 1234");
        SendCommand old = new SendCommand(c.messageId(), c.idempotencyKey(), c.contactId(), c.journeyId(),
                c.journeyVersion(), c.stepId(), c.variant(), c.channel(), c.category(), c.text(), c.links(), null, null,
                Instant.now().minus(Duration.ofDays(3)));
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(old));
            var dropped = status(deliveries.await(r -> status(r).messageId().equals(old.messageId()), WAIT));
            assertEquals("suppressed", dropped.status());
            assertEquals("expired", dropped.reason());
        }
    }

    @Test
    void aStopArrivingWhileAMarketingMessageIsQueuedMeansItIsNeverSent() {
        String contactId = "c-" + UUID.randomUUID();
        String phone = randomMobile();
        publishContact(contactId, phone, ContactSnapshot.Consent.OPTED_IN);
        SendCommand c = command(contactId, "k-stop-" + contactId, SendCommand.MARKETING, "Sale");
        SendCommand later = new SendCommand(c.messageId(), c.idempotencyKey(), c.contactId(), c.journeyId(),
                c.journeyVersion(), c.stepId(), c.variant(), c.channel(), c.category(), c.text(), c.links(),
                Instant.now().plusSeconds(3), null, c.createdAt());
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(later));
            // the contact texts STOP while the message waits in dispatch's queue
            Sends.publishContact(contactId, phone, ContactSnapshot.Consent.OPTED_OUT, 2);
            var outcome = status(deliveries.await(r -> status(r).messageId().equals(later.messageId()), WAIT));
            assertEquals("suppressed", outcome.status());
            assertEquals("opted_out", outcome.reason());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200).body("$", hasSize(0));
    }
}
