package io.drip.dispatch.sandbox;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A reply to a sandbox SMS reaches drip.inbound.v1 as a real provider's inbound SMS does. */
@QuarkusTest
class SandboxInboundTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aStopReplyFromAContactsPhoneIsPublishedOnce() {
        String phone = randomNumber("+316", 11);
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var hello = send(contactId, "Hello");
            deliveries.await(r -> is(r, hello.messageId(), "sent"), WAIT); // dispatch knows the contact now
        }
        String reply = new JsonObject().put("id", "MO-" + UUID.randomUUID()).put("from", phone).put("text", "stop")
                .encode();
        try (var inbound = TopicProbe.watch(Topics.INBOUND)) {
            given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/json")
                    .body(reply).post("/v1/sandbox/inbound")
                    .then().statusCode(200).body("published", equalTo(true)).body("contactId", equalTo(contactId))
                    .body("keyword", equalTo("STOP"));
            InboundSms sms = MessageJson.read(inbound.await(r -> contactId.equals(r.key()), WAIT).value(), InboundSms.class);
            assertEquals("sandbox", sms.provider());
            assertEquals(phone, sms.from());
            // the same reply again (a provider's retry) is not published twice
            given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/json")
                    .body(reply).post("/v1/sandbox/inbound").then().statusCode(200).body("published", equalTo(false));
        }
    }

    @Test
    void aReplyNeedsAnInternationalNumberAndAKeyThatMayChangeConsent() {
        String reply = new JsonObject().put("from", "0612345678").put("text", "STOP").encode();
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/json").body(reply)
                .post("/v1/sandbox/inbound").then().statusCode(400).body("field", equalTo("/from"))
                .body("message", containsString("international number"));
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/json")
                .body("{\"from\": \"+31612345678\"}").post("/v1/sandbox/inbound").then().statusCode(400)
                .body("field", equalTo("/text"));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType("application/json").body(reply)
                .post("/v1/sandbox/inbound").then().statusCode(403);
    }
}
