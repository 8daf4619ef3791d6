package io.drip.journey.run;

import static io.restassured.RestAssured.given;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;

/** What contact-service would publish, produced to the real test broker. */
final class TestEvents {

    private TestEvents() {
    }

    static void contact(String contactId, String firstName) {
        var traits = MessageJson.mapper().createObjectNode().put("first_name", firstName);
        var snapshot = new ContactSnapshot(contactId, 1, "+33612345678", "valid", "Europe/Paris", "fr-FR", traits,
                Map.of(), Instant.now());
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(snapshot));
    }

    /** GET /v1/contacts/{id}/journeys as a viewer. */
    static JsonPath journeysOf(String contactId) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + contactId + "/journeys")
                .then().statusCode(200).extract().jsonPath();
    }

    static void track(String contactId, String messageId, String event, String propertiesJson) {
        TopicProbe.produce(Topics.EVENTS, contactId, """
                {"type":"track","messageId":"%s","userId":"%s","event":"%s","properties":%s,"timestamp":"%s"}"""
                .formatted(messageId, contactId, event, propertiesJson, Instant.now()));
    }
}
