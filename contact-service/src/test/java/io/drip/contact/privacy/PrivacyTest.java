package io.drip.contact.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.drip.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrivacyTest {

    @Inject
    Pool pool;

    private static void identify(String body) {
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON).body(body)
                .post("/v1/identify").then().statusCode(200);
    }

    @Test
    void exportHoldsEverythingKnownIncludingTheNumberAsSentAndMergedIds() {
        String anonymousId = "anon-" + UUID.randomUUID();
        String id = "gdpr-" + UUID.randomUUID();
        identify("{\"anonymousId\":\"" + anonymousId + "\",\"traits\":{\"utm\":\"ads\"}}");
        identify("{\"userId\":\"" + id + "\",\"traits\":{\"phone\":\"06 12 34 56 78\",\"email\":\"ada@example.com\"}}");
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                .body("{\"previousId\":\"" + anonymousId + "\",\"userId\":\"" + id + "\"}").post("/v1/alias").then().statusCode(200);
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/contacts/" + id + "/export")
                .then().statusCode(200)
                .body("contactId", equalTo(id)).body("exportedAt", notNullValue())
                .body("profile.phone", equalTo("+33612345678")).body("profile.phoneAsSent", equalTo("06 12 34 56 78"))
                .body("profile.traits.email", equalTo("ada@example.com")).body("profile.traits.utm", equalTo("ads"))
                .body("profile.aliases", hasItem(anonymousId)).body("profile.lastActivityAt", notNullValue());
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).get("/v1/contacts/nobody-" + UUID.randomUUID() + "/export")
                .then().statusCode(404);
    }

    @Test
    void erasurePublishesATombstoneRemovesEverythingAndIsAuditedWithoutPersonalData() {
        String id = "erase-" + UUID.randomUUID();
        identify("{\"userId\":\"" + id + "\",\"traits\":{\"phone\":\"+33 6 12 34 56 78\",\"email\":\"ada@example.com\"}}");
        String erasureId;
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            erasureId = given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).delete("/v1/contacts/" + id)
                    .then().statusCode(200).body("removed.profile", equalTo(1)).extract().path("erasureId");
            assertNull(contacts.await(r -> id.equals(r.key()) && r.value() == null, Duration.ofSeconds(20)).value());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + id).then().statusCode(404);
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).delete("/v1/contacts/" + id).then().statusCode(404);
        var audit = pool.preparedQuery("select requested_by, removed::text as removed, e.*::text as whole from erasure_audit e where id = $1")
                .execute(Tuple.of(erasureId)).await().indefinitely().iterator().next();
        assertEquals("test-ops", audit.getString("requested_by"));
        assertFalse(audit.getString("whole").contains(id), "the audit names no contact: " + audit.getString("whole"));
        assertFalse(audit.getString("whole").contains("612345678"), audit.getString("whole"));
    }

    @Test
    void anIdentifyOlderThanTheErasureDoesNotBringThePersonBackANewerOneStartsAfresh() {
        String id = "erase-" + UUID.randomUUID();
        identify("{\"userId\":\"" + id + "\",\"traits\":{\"phone\":\"+33 6 12 34 56 78\",\"email\":\"ada@example.com\"}}");
        Instant beforeTheErasure = Instant.now();
        given().header("Authorization", TestKeys.bearer(TestKeys.OPS)).delete("/v1/contacts/" + id).then().statusCode(200);

        // a late identify (a retry, a replay) of before the erasure
        identify("{\"userId\":\"" + id + "\",\"timestamp\":\"" + beforeTheErasure
                + "\",\"traits\":{\"phone\":\"+33 6 12 34 56 78\",\"email\":\"ada@example.com\"}}");
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + id).then().statusCode(404);
        assertEquals(0, pool.preparedQuery("select 1 from contact where id = $1").execute(Tuple.of(id)).await()
                .indefinitely().size());

        // the person signs up again: a new contact, with nothing of before
        identify("{\"userId\":\"" + id + "\",\"traits\":{\"plan\":\"new\"}}");
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + id).then().statusCode(200)
                .body("traits.plan", equalTo("new")).body("traits.email", nullValue()).body("phone", nullValue());
    }

}
