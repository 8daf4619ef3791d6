package io.drip.dispatch.twilio;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The twilio provider against a stand-in of Twilio's API; its webhooks as Twilio calls them. */
@QuarkusTest
@QuarkusTestResource(TwilioStandIn.class)
class TwilioProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "test-auth-token";
    private static final String PUBLIC_BASE = "https://dispatch.test";

    /** A webhook request signed as Twilio signs it (over the public URL it calls). */
    private static RequestSpecification signed(String path, Map<String, String> form) {
        return signedOver(PUBLIC_BASE + path, form);
    }

    /** Signed over this URL, as Twilio may write the one it calls (with or without its port). */
    private static RequestSpecification signedOver(String url, Map<String, String> form) {
        Map<String, List<String>> params = form.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .header("X-Twilio-Signature", TwilioSignature.sign(TOKEN, url, params));
    }

    private static Map<String, String> statusCallback(String sid, String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("MessageStatus", status);
        form.put("AccountSid", "ACtest");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    @Test
    void aMessageGoesThroughTwilioAndASignedStatusCallbackDeliversItOnce() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Your code is 4242");
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals("twilio", sent.provider());
            var taken = TwilioStandIn.takenFor(phone);
            assertEquals(1, taken.size());
            assertEquals(sent.providerMessageId(), taken.get(0).sid());
            assertEquals("Your code is 4242", taken.get(0).body());
            assertEquals("+15005550006", taken.get(0).from());
            assertEquals(PUBLIC_BASE + "/v1/providers/twilio/status", taken.get(0).statusCallback());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("ACtest:test-auth-token".getBytes(StandardCharsets.UTF_8)),
                    taken.get(0).authorization());
            assertEquals(1, sent.segments());
            // Twilio's price (a negative string in its answer) is the message's cost, on the sent status too
            assertEquals(0, new BigDecimal("0.0075").compareTo(sent.cost()), "cost on drip.deliveries.v1: " + sent.cost());
            assertEquals("USD", sent.currency());
            given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/messages/" + command.messageId())
                    .then().statusCode(200)
                    .body("message.cost", equalTo(0.0075f))
                    .body("message.costCurrency", equalTo("USD"));

            var callback = statusCallback(sent.providerMessageId(), "delivered", null);
            signed("/v1/providers/twilio/status", statusCallback(sent.providerMessageId(), "sent", null))
                    .post("/v1/providers/twilio/status").then().statusCode(204);
            signed("/v1/providers/twilio/status", callback).post("/v1/providers/twilio/status").then().statusCode(204);
            signed("/v1/providers/twilio/status", callback).post("/v1/providers/twilio/status").then().statusCode(204);
            var delivered = deliveries.all(r -> is(r, command.messageId(), "delivered"), Duration.ofSeconds(3));
            assertEquals(1, delivered.size(), "a repeated callback changes nothing: " + delivered);
        }
    }

    @Test
    void aCountOfZeroFromTwilioKeepsDripsCountAndTheRoutesCost() {
        // Twilio's API reference: num_segments is 0 at first for messages sent through a Messaging Service
        String contactId = contactWith(randomNumber("+4477007"));
        TwilioStandIn.countsLater = true;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "a".repeat(200));
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals(2, sent.segments(), "Drip's own count");
            assertEquals(0, new BigDecimal("0.08").compareTo(sent.cost()), "2 × the route's 0.04: " + sent.cost());
            assertEquals("USD", sent.currency());
        } finally {
            TwilioStandIn.countsLater = false;
        }
    }

    @Test
    void aCallbackSignedOverTheUrlWithItsDefaultPortIsTaken() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Your code is 5151");
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            signedOver("https://dispatch.test:443/v1/providers/twilio/status",
                    statusCallback(sent.providerMessageId(), "delivered", null))
                    .post("/v1/providers/twilio/status").then().statusCode(204);
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
    }

    /**
     * The inbound URL is set in Twilio's console by an operator, who may add a query of their own:
     * Twilio signs the whole URL it calls, so the query counts as Twilio's validators count it.
     */
    @Test
    void aWebhookUrlWithAQueryIsCheckedWithItsQuery() {
        Map<String, String> form = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", randomNumber("+4477007"), "To", "+15005550006", "Body", "Hello", "AccountSid", "ACtest");
        String path = "/v1/providers/twilio/inbound?route=eu&campaign=spring-sale";
        signedOver(PUBLIC_BASE + path, form).post(path).then().statusCode(200);
        signedOver(PUBLIC_BASE + "/v1/providers/twilio/inbound", form).post(path).then().statusCode(403);
    }

    @Test
    void aCallbackWithoutAValidSignatureIsRefused() {
        var form = statusCallback("SM" + UUID.randomUUID(), "delivered", null);
        given().contentType("application/x-www-form-urlencoded").formParams(form).post("/v1/providers/twilio/status")
                .then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").formParams(form)
                .header("X-Twilio-Signature", TwilioSignature.sign("another-token", PUBLIC_BASE + "/v1/providers/twilio/status",
                        Map.of()))
                .post("/v1/providers/twilio/status").then().statusCode(403);
        signed("/v1/providers/twilio/status", Map.of("MessageStatus", "delivered")).post("/v1/providers/twilio/status")
                .then().statusCode(400);
    }

    @Test
    void anInvalidNumberFailsForGoodAndLaterSendsToItAreSuppressed() {
        String phone = "+447700700000"; // the stand-in refuses it with Twilio error 21211
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var first = send(contactId, "One");
            var failed = status(deliveries.await(r -> status(r).messageId().equals(first.messageId())
                    && !status(r).status().equals("queued"), WAIT));
            assertEquals("failed", failed.status());
            assertEquals("number_invalid", failed.reason());
            var second = send(contactId, "Two");
            var suppressed = status(deliveries.await(r -> status(r).messageId().equals(second.messageId()), WAIT));
            assertEquals("suppressed", suppressed.status());
            assertEquals("number_undeliverable", suppressed.reason());
        }
        assertEquals(0, TwilioStandIn.takenFor(phone).size());
    }

    @Test
    void anUndeliveredReceiptFromALandlineMarksTheNumberUndeliverable() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var first = send(contactId, "One");
            var sent = status(deliveries.await(r -> is(r, first.messageId(), "sent"), WAIT));
            signed("/v1/providers/twilio/status", statusCallback(sent.providerMessageId(), "undelivered", "30006"))
                    .post("/v1/providers/twilio/status").then().statusCode(204);
            var undelivered = status(deliveries.await(r -> is(r, first.messageId(), "undelivered"), WAIT));
            assertEquals("number_not_mobile", undelivered.reason());
            var second = send(contactId, "Two");
            assertEquals("number_undeliverable",
                    status(deliveries.await(r -> is(r, second.messageId(), "suppressed"), WAIT)).reason());
        }
    }

    @Test
    void anInboundStopIsPublishedOnceForTheContactWithThatNumber() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = Map.of("MessageSid", sid, "From", phone, "To", "+15005550006", "Body", " Stop ",
                "AccountSid", "ACtest");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            // a message sent to the contact shows dispatch has its snapshot
            var hello = send(contactId, "Hello");
            deliveries.await(r -> is(r, hello.messageId(), "sent"), WAIT);
        }
        try (var inbound = TopicProbe.watch(Topics.INBOUND)) {
            signed("/v1/providers/twilio/inbound", form).post("/v1/providers/twilio/inbound").then().statusCode(200);
            var record = inbound.await(r -> contactId.equals(r.key()), WAIT);
            InboundSms sms = MessageJson.read(record.value(), InboundSms.class);
            assertEquals("STOP", sms.keyword());
            assertEquals(phone, sms.from());
            assertEquals("twilio", sms.provider());
            signed("/v1/providers/twilio/inbound", form).post("/v1/providers/twilio/inbound").then().statusCode(200);
            assertEquals(1, inbound.all(r -> contactId.equals(r.key()), Duration.ofSeconds(3)).size());
        }
        given().contentType("application/x-www-form-urlencoded").formParams(form).post("/v1/providers/twilio/inbound")
                .then().statusCode(403);
    }
}
