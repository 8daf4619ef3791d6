package io.drip.contact.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactApiTest {

    private static RequestSpecification as(String key) {
        return given().header("Authorization", TestKeys.bearer(key)).contentType(ContentType.JSON);
    }

    @Test
    void putReplacesTraitsPatchMergesThemAndEachPublishesTheSnapshot() {
        String id = "api-" + UUID.randomUUID();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            as(TestKeys.MARKETER).body("{\"traits\":{\"phone\":\"020 7946 0018\",\"first_name\":\"Ada\",\"tier\":\"gold\"}}")
                    .queryParam("region", "GB").put("/v1/contacts/" + id)
                    .then().statusCode(200).body("phoneStatus", equalTo("not_mobile")).body("version", equalTo(1));
            as(TestKeys.MARKETER).contentType("application/merge-patch+json")
                    .body("{\"traits\":{\"phone\":\"+44 7400 123456\",\"tier\":null,\"address\":{\"city\":\"London\"}}}")
                    .patch("/v1/contacts/" + id)
                    .then().statusCode(200).body("phone", equalTo("+447400123456")).body("traits.first_name", equalTo("Ada"))
                    .body("traits.tier", nullValue()).body("traits.address.city", equalTo("London"))
                    .body("timezone", equalTo("Europe/London"));
            var published = contacts.await(r -> id.equals(r.key()) && r.value().contains("\"version\":2"), Duration.ofSeconds(20));
            assertEquals("+447400123456", MessageJson.read(published.value(), ContactSnapshot.class).phone());
        }
        as(TestKeys.MARKETER).body("{\"traits\":{\"first_name\":\"Grace\"}}").put("/v1/contacts/" + id)
                .then().statusCode(200).body("traits.address", nullValue()).body("phoneStatus", equalTo("missing"));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id).then().statusCode(200).body("traits.first_name", equalTo("Grace"))
                .body("version", equalTo(3));
    }

    @Test
    void badBodiesSayWhatIsWrong() {
        String id = "api-" + UUID.randomUUID();
        as(TestKeys.MARKETER).body("[]").put("/v1/contacts/" + id).then().statusCode(400).body("message", containsString("JSON object"));
        as(TestKeys.MARKETER).body("{\"traits\":3}").put("/v1/contacts/" + id).then().statusCode(400).body("field", equalTo("/traits"));
        as(TestKeys.MARKETER).body("{\"traits\":{\"timezone\":\"Paris\"}}").patch("/v1/contacts/" + id)
                .then().statusCode(400).body("field", equalTo("/traits/timezone"));
        as(TestKeys.MARKETER).body("{\"traits\":{\"phone\":33612}}").put("/v1/contacts/" + id)
                .then().statusCode(400).body("field", equalTo("/traits/phone"));
        as(TestKeys.MARKETER).body("{\"traits\":{}}").queryParam("region", "XX").put("/v1/contacts/" + id)
                .then().statusCode(400).body("field", equalTo("region"));
        as(TestKeys.VIEWER).get("/v1/contacts/" + id).then().statusCode(404);
    }

    @Test
    void searchByPhoneOrTraitsPagesInIdOrder() {
        String tag = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            as(TestKeys.MARKETER).body("{\"traits\":{\"batch\":\"" + tag + "\",\"vip\":" + (i < 2) + ",\"phone\":\"+1 415 555 26" + (10 + i) + "\"}}")
                    .put("/v1/contacts/search-" + tag + "-" + i).then().statusCode(200);
        }
        as(TestKeys.VIEWER).queryParam("trait.batch", tag).queryParam("trait.vip", "true").queryParam("limit", 1)
                .get("/v1/contacts").then().statusCode(200)
                .body("contacts.contactId", contains("search-" + tag + "-0")).body("next", equalTo("search-" + tag + "-0"));
        as(TestKeys.VIEWER).queryParam("trait.batch", tag).queryParam("trait.vip", "true").queryParam("after", "search-" + tag + "-0")
                .get("/v1/contacts").then().statusCode(200)
                .body("contacts.contactId", contains("search-" + tag + "-1")).body("next", nullValue());
        // the number is normalised the way ingest stores it
        as(TestKeys.VIEWER).queryParam("phone", "(415) 555-2612").queryParam("trait.batch", tag).get("/v1/contacts")
                .then().statusCode(200).body("contacts", hasSize(1)).body("contacts[0].contactId", equalTo("search-" + tag + "-2"));
        as(TestKeys.VIEWER).get("/v1/contacts").then().statusCode(400).body("message", containsString("?phone="));
        as(TestKeys.VIEWER).queryParam("phone", "12").get("/v1/contacts").then().statusCode(400).body("field", equalTo("phone"));
        as(TestKeys.VIEWER).queryParam("trait.batch", tag).queryParam("limit", 501).get("/v1/contacts")
                .then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    void viewersReadMarketersWriteOpsExportAndErase() {
        String id = "roles-" + UUID.randomUUID();
        as(TestKeys.VIEWER).body("{\"traits\":{}}").put("/v1/contacts/" + id).then().statusCode(403);
        as(TestKeys.OPS).body("{\"traits\":{}}").put("/v1/contacts/" + id).then().statusCode(403);
        as(TestKeys.MARKETER).body("{\"traits\":{}}").put("/v1/contacts/" + id).then().statusCode(200);
        as(TestKeys.MARKETER).get("/v1/contacts/" + id).then().statusCode(200).body("lastActivityAt", nullValue());
        as(TestKeys.MARKETER).get("/v1/contacts/" + id + "/export").then().statusCode(403);
        as(TestKeys.VIEWER).delete("/v1/contacts/" + id).then().statusCode(403);
        as(TestKeys.MARKETER).delete("/v1/contacts/" + id).then().statusCode(403);
        as(TestKeys.OPS).get("/v1/contacts/" + id + "/export").then().statusCode(200).body("profile.id", equalTo(id));
        as(TestKeys.OPS).delete("/v1/contacts/" + id).then().statusCode(200).body("erasureId", notNullValue());
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON).body("{\"traits\":{}}").put("/v1/contacts/" + id)
                .then().statusCode(403);
    }
}
