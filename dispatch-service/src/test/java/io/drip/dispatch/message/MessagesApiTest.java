package io.drip.dispatch.message;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/messages, /v1/messages/{id} and the delivery report, after real sends through the sandbox. */
@QuarkusTest
class MessagesApiTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aMessageShowsItsFullHistoryToOps() {
        String phone = randomNumber("+33612", 11);
        String contactId = contactWith(phone);
        SendCommand command;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            command = send(contactId, "Your code is 1234");
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/messages/" + command.messageId())
                .then().statusCode(200)
                .body("message.status", equalTo("delivered"))
                .body("message.provider", equalTo("sandbox"))
                .body("message.to", equalTo(phone))
                .body("message.country", equalTo("FR"))
                .body("message.carrier", notNullValue())
                .body("message.segments", equalTo(1))
                .body("message.encoding", equalTo("GSM7"))
                .body("text", equalTo("Your code is 1234"))
                .body("history.status", contains("sent", "delivered"));
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).queryParam("contact", contactId)
                .get("/v1/messages").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].messageId", equalTo(command.messageId()));
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).queryParam("contact", contactId)
                .queryParam("status", "failed").get("/v1/messages").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void messagesAreForOpsAndBadFiltersSayWhatIsWrong() {
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/messages").then().statusCode(403);
        given().get("/v1/messages").then().statusCode(401);
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).queryParam("status", "lost")
                .get("/v1/messages").then().statusCode(400).body("field", equalTo("status"));
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/messages/no-such-message")
                .then().statusCode(404);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("from", "yesterday")
                .get("/v1/reports/deliveries").then().statusCode(400).body("field", equalTo("from"));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("every", "week")
                .get("/v1/reports/deliveries").then().statusCode(400).body("field", equalTo("every"));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("from", "2026-11-02T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00Z").get("/v1/reports/deliveries").then().statusCode(400)
                .body("field", equalTo("to"));
    }

    @Test
    void theDeliveryReportCountsAStepsMessagesByStatusCountryAndCarrierWithLatencies() {
        Instant from = Instant.now().minusSeconds(1);
        List<SendCommand> commands = new ArrayList<>();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 3; i++) {
                commands.add(send(contactWith(randomNumber("+33612", 11)), "Report " + i));
            }
            for (SendCommand command : commands) {
                deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
            }
        }
        // Sends.send makes every command journey "welcome", step "hello": the period isolates these three
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("journey", "welcome")
                .queryParam("step", "hello").queryParam("provider", "sandbox").queryParam("from", from.toString())
                .queryParam("to", Instant.now().plusSeconds(1).toString())
                .get("/v1/reports/deliveries").then().statusCode(200)
                .body("messages", equalTo(3))
                .body("segments", equalTo(3))
                .body("cost.EUR", equalTo(0.15f)) // the default route's configured 0.05 EUR a segment
                .body("counts.byStatus.delivered", equalTo(3))
                .body("counts.byCountry.FR", equalTo(3))
                .body("counts.byCarrier.size()", greaterThan(0))
                .body("timeToDelivered.p50", greaterThanOrEqualTo(0f))
                .body("timeToDelivered.p99", lessThanOrEqualTo(10f))
                .body("deliveredWithin10s", equalTo(1.0f))
                // the distribution from sent to delivered: all three within 10 seconds, none later
                .body("timesToDelivered.upTo", contains(1, 2, 5, 10, 30, 60, 300, null))
                .body("timesToDelivered.findAll { it.upTo != null && it.upTo <= 10 }.messages.sum()", equalTo(3))
                .body("timesToDelivered.findAll { it.upTo == null || it.upTo > 10 }.messages.sum()", equalTo(0));
    }

    @Test
    void theDeliveryReportCountsTheMessagesByStatusPerMinute() {
        Instant from = Instant.now();
        SendCommand command;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            command = send(contactWith(randomNumber("+33612", 11)), "Over time");
            deliveries.await(r -> is(r, command.messageId(), "delivered"), WAIT);
        }
        Instant to = Instant.now().plusSeconds(1);
        // one message, delivered, in the bucket of the minute it was created in
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("journey", "welcome")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("every", "minute")
                .get("/v1/reports/deliveries").then().statusCode(200)
                .body("every", equalTo("minute"))
                .body("overTime", hasSize(1))
                .body("overTime[0].at", endsWith(":00Z"))
                .body("overTime[0].messages", equalTo(1))
                .body("overTime[0].byStatus.delivered", equalTo(1));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("journey", "welcome")
                .queryParam("from", to.toString()).get("/v1/reports/deliveries").then().statusCode(200)
                .body("every", equalTo("hour")).body("overTime", hasSize(0));
    }
}
