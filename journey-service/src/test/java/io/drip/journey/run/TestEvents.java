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
        TopicProbe.produce(Topics.CONTACTS, contactId, contactJson(contactId, firstName));
    }

    /** The snapshot {@link #contact} produces, for a batch of them. */
    static String contactJson(String contactId, String firstName) {
        var traits = MessageJson.mapper().createObjectNode().put("first_name", firstName);
        return MessageJson.write(new ContactSnapshot(contactId, 1, "+33612345678", "valid", "Europe/Paris", "fr-FR",
                traits, Map.of(), Instant.now()));
    }

    /** GET /v1/contacts/{id}/journeys as a viewer. */
    static JsonPath journeysOf(String contactId) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + contactId + "/journeys")
                .then().statusCode(200).extract().jsonPath();
    }

    static void track(String contactId, String messageId, String event, String propertiesJson) {
        TopicProbe.produce(Topics.EVENTS, contactId, trackJson(contactId, messageId, event, propertiesJson));
    }

    /** The event {@link #track} produces, for a batch of them. */
    static String trackJson(String contactId, String messageId, String event, String propertiesJson) {
        return """
                {"type":"track","messageId":"%s","userId":"%s","event":"%s","properties":%s,"timestamp":"%s"}"""
                .formatted(messageId, contactId, event, propertiesJson, Instant.now());
    }
}
