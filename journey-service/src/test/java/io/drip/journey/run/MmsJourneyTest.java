package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A send step with media: its command carries them to dispatch (an MMS), the simulator shows them,
 * and a journey with media in a category whose routes are SMS-only (transactional, in the tests'
 * configuration) is refused at validation and publishing, at the line and column of its media key.
 */
@QuarkusTest
class MmsJourneyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String IMAGE = "https://shop.example/img/sale.jpg";

    private static String journey(String id, String category) {
        return """
                journey: %s
                trigger: {event: %s Start}
                steps:
                  - id: picture
                    send:
                      channel: sms
                      category: %s
                      text: "The sale starts now"
                      media: [%s]
                """.formatted(id, id, category, IMAGE);
    }

    private static RequestSpecification marketer(String yaml) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSendStepWithMediaPublishesASendCommandCarryingThem() {
        String id = "mms-" + UUID.randomUUID().toString().substring(0, 8);
        marketer(journey(id, "marketing")).post("/v1/journeys").then().statusCode(201);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = "c-" + UUID.randomUUID();
            TestEvents.contact(contactId, "Ada");
            TestEvents.track(contactId, "start-" + UUID.randomUUID(), id + " Start", "{}");
            SendCommand command = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(),
                    SendCommand.class);
            assertEquals(List.of(IMAGE), command.media());
            assertEquals("The sale starts now", command.text());
        }
    }

    @Test
    void mediaOnAnSmsOnlyCategoryAreRefusedAtTheMediaKeyWhenValidatedAndWhenPublished() {
        String id = "mms-refused-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = journey(id, "transactional");
        for (String path : List.of("/v1/journeys/validate", "/v1/journeys")) {
            marketer(yaml).post(path).then().statusCode(400)
                    .body("error", is("invalid_journey"))
                    .body("file", is("request"))
                    .body("line", is(9))
                    .body("column", is(7))
                    .body("message", containsString("transactional messages go on SMS-only routes"));
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/versions/1").then().statusCode(404);
    }

    @Test
    void theSimulatorShowsTheMediaOfWhatItSends() {
        String timeline = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON)
                .accept(ContentType.TEXT)
                .body(Map.of("journey", journey("mms-simulated", "marketing"),
                        "events", List.of(Map.of("after", "0s", "event", "mms-simulated Start"))))
                .post("/v1/journeys/simulate").then().statusCode(200).extract().asString();
        assertTrue(timeline.contains("The sale starts now [MMS: " + IMAGE + "]"), timeline);
    }
}
