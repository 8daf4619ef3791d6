package io.drip.dispatch.send;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.sendMms;
import static io.drip.dispatch.Sends.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.dispatch.http.HttpGatewayStandIn;
import io.drip.dispatch.twilio.TwilioStandIn;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Messages with media leave as MMS through the providers that send MMS (Twilio's API and the
 * HTTP gateway, both stand-ins), priced by the route's MMS price rather than per segment, and fail
 * on a route whose providers cannot send MMS (SMPP).
 */
@QuarkusTest
@QuarkusTestResource(TwilioStandIn.class)
@QuarkusTestResource(HttpGatewayStandIn.class)
class MmsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> MEDIA = List.of("https://shop.example/img/sale.jpg", "https://cdn.example/shoes.png");
    /** Eight SMS segments: too long for an SMS here (drip.dispatch.max-segments 6), one MMS. */
    private static final String LONG_TEXT = "Our spring sale starts now. ".repeat(43);

    @Test
    void anMmsReachesTwilioWithOneMediaUrlPerImageAndCostsTheRoutesMmsPrice() {
        String phone = randomNumber("+4477007");
        String contactId = contactWith(phone);
        Instant before = Instant.now().minusSeconds(1);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMms(contactId, LONG_TEXT, MEDIA);
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals("twilio", sent.provider());
            var taken = TwilioStandIn.takenFor(phone);
            assertEquals(1, taken.size());
            assertEquals(MEDIA, taken.get(0).mediaUrls());
            assertEquals(LONG_TEXT, taken.get(0).body());
            assertEquals(1, sent.segments(), "an MMS is one message");
            // Twilio gives no price for an MMS at once: the route's cost-per-mms, not 8 × its 0.04 per segment
            assertEquals(0, new BigDecimal("0.02").compareTo(sent.cost()), "cost: " + sent.cost());
            assertEquals("USD", sent.currency());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS))
                .queryParam("provider", "twilio").queryParam("from", before.toString())
                .get("/v1/reports/deliveries").then().statusCode(200)
                .body("messages", equalTo(1))
                .body("segments", equalTo(1))
                .body("mms", equalTo(1))
                .body("cost.USD", equalTo(0.02f));
    }

    @Test
    void anMmsReachesTheHttpGatewayWithItsMediaField() {
        String phone = randomNumber("+4477006");
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMms(contactId, "New arrivals", MEDIA);
            var sent = status(deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT));
            assertEquals("http", sent.provider());
            var body = HttpGatewayStandIn.TAKEN.stream().filter(t -> t.idempotencyKey().equals(command.messageId()))
                    .findFirst().orElseThrow().body();
            assertEquals(MEDIA, body.getJsonArray("media").getList());
            assertEquals("New arrivals", body.getString("text"));
        }
    }

    @Test
    void anMmsOnARouteWhoseProvidersCannotSendMmsFailsWithItsReason() {
        String contactId = contactWith(randomNumber("+4477005")); // the smpp route
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMms(contactId, "Hello", MEDIA);
            var failed = status(deliveries.await(r -> is(r, command.messageId(), "failed"), WAIT));
            assertEquals("mms_not_supported", failed.reason());
            given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/messages/" + command.messageId())
                    .then().statusCode(200)
                    .body("message.status", equalTo("failed"))
                    .body("message.reason", equalTo("mms_not_supported"))
                    .body("media", equalTo(MEDIA));
            assertTrue(deliveries.all(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(2)).isEmpty(),
                    "never handed to the SMSC without its media");
        }
    }
}
