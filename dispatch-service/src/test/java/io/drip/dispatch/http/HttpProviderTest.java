package io.drip.dispatch.http;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.kit.signing.HmacSignature;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generic HTTP provider against a stand-in gateway; its signed callbacks. */
@QuarkusTest
@QuarkusTestResource(HttpGatewayStandIn.class)
class HttpProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RequestSpecification signed(String body, long timestamp) {
        return given().contentType("application/json").body(body)
                .header(HmacSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(HmacSignature.SIGNATURE_HEADER, HmacSignature.sign(HttpGatewayStandIn.SECRET, timestamp, body));
    }

    @Test
    void aSignedMessageGoesToTheGatewayAndASignedReceiptDeliversIt() {
        String phone = randomNumber("+4477006");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Hello over HTTP");
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals("http", sent.provider());
            var taken = HttpGatewayStandIn.TAKEN.stream().filter(t -> t.idempotencyKey().equals(command.messageId())).toList();
            assertEquals(1, taken.size());
            assertEquals(sent.providerMessageId(), taken.get(0).id());
            assertEquals(phone, taken.get(0).body().getString("to"));
            assertEquals("https://dispatch.test/v1/providers/http/receipts", taken.get(0).body().getString("callbackUrl"));

            String receipt = new JsonObject().put("id", sent.providerMessageId()).put("status", "delivered").encode();
            long now = Instant.now().getEpochSecond();
            given().contentType("application/json").body(receipt).post("/v1/providers/http/receipts").then().statusCode(403);
            signed(receipt, now - 3600).post("/v1/providers/http/receipts").then().statusCode(403);
            signed(receipt, now).post("/v1/providers/http/receipts").then().statusCode(204);
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
    }

    @Test
    void aNumberTheGatewayRefusesFailsForGood() {
        String contactId = contactWith("+447700600000");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Hi");
            var failed = status(deliveries.await(r -> is(r, command.messageId(), "failed"), WAIT));
            assertEquals("number_invalid", failed.reason());
        }
    }

    @Test
    void aSignedInboundTdIsPublished() {
        String phone = randomNumber("+4477006");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var hello = send(contactId, "Hello");
            deliveries.await(r -> is(r, hello.messageId(), "sent"), WAIT); // dispatch knows the contact now
        }
        String body = new JsonObject().put("id", "MO-" + UUID.randomUUID()).put("from", phone).put("to", "10690000")
                .put("text", "TD").encode();
        try (var inbound = TopicProbe.watch(Topics.INBOUND)) {
            signed(body, Instant.now().getEpochSecond()).post("/v1/providers/http/inbound").then().statusCode(204);
            InboundSms sms = MessageJson.read(inbound.await(r -> contactId.equals(r.key()), WAIT).value(), InboundSms.class);
            assertEquals("TD", sms.keyword());
            assertEquals("http", sms.provider());
        }
    }

    @Test
    void aReceiptThatOvertakesTheSentRecordIsAppliedOnceTheMessageIsSent() {
        String contactId = contactWith(randomNumber("+4477006"));
        var command = io.drip.dispatch.Sends.command(contactId, "k-" + UUID.randomUUID(), "transactional", "Fast network");
        // the gateway's receipt arrives before dispatch has even seen the command
        String receipt = new JsonObject().put("id", HttpGatewayStandIn.idFor(command.messageId())).put("status", "delivered")
                .encode();
        signed(receipt, Instant.now().getEpochSecond()).post("/v1/providers/http/receipts").then().statusCode(204);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            TopicProbe.produce(Topics.SENDS, contactId, MessageJson.write(command));
            deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT);
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
    }
}
