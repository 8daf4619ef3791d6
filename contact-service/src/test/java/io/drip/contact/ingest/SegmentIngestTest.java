package io.drip.contact.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Segment ingest against the real broker and PostgreSQL that deploy/local/test starts. */
@QuarkusTest
class SegmentIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String identify(String userId, String messageId) {
        return """
                {"userId":"%s","messageId":"%s","traits":{"phone":"+33 6 12 34 56 78","first_name":"Ada"},
                 "context":{"timezone":"Europe/Paris"}}""".formatted(userId, messageId);
    }

    @Test
    void identifyStoresTheContactAndPublishesItsSnapshotAndTheEvent() {
        String userId = "u-" + UUID.randomUUID();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var events = TopicProbe.watch(Topics.EVENTS)) {
            given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                    .body(identify(userId, "m-" + userId))
                    .post("/v1/identify").then().statusCode(200).body("success", equalTo(true));

            var snapshotRecord = contacts.await(r -> userId.equals(r.key()), WAIT);
            var snapshot = MessageJson.read(snapshotRecord.value(), ContactSnapshot.class);
            assertEquals("+33612345678", snapshot.phone());
            assertEquals("valid", snapshot.phoneStatus());
            assertEquals("Europe/Paris", snapshot.timezone());
            assertEquals("Ada", snapshot.traits().get("first_name").asText());

            var event = MessageJson.read(events.await(r -> userId.equals(r.key()), WAIT).value(), SegmentMessage.class);
            assertEquals("identify", event.type());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + userId)
                .then().statusCode(200).body("phone", equalTo("+33612345678")).body("version", equalTo(1));
    }

    @Test
    void identifiesOfOneBatchChangeEachContactInTheirOrder() {
        String ada = "u-" + UUID.randomUUID();
        String bo = "u-" + UUID.randomUUID();
        String anonymous = "anon-" + UUID.randomUUID();
        String batch = """
                {"batch":[
                 {"type":"identify","userId":"%1$s","messageId":"%1$s-1","traits":{"plan":"free","first_name":"Ada"}},
                 {"type":"identify","userId":"%2$s","messageId":"%2$s-1","traits":{"plan":"pro"}},
                 {"type":"identify","userId":"%1$s","messageId":"%1$s-2","traits":{"plan":"pro","city":"Lyon"}},
                 {"type":"identify","userId":"%2$s","messageId":"%2$s-2","traits":{"first_name":"Bo"}},
                 {"type":"alias","userId":"%1$s","previousId":"%3$s","messageId":"%3$s-1"},
                 {"type":"identify","userId":"%3$s","messageId":"%3$s-2","traits":{"vip":true}}
                ]}""".formatted(ada, bo, anonymous);
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON).body(batch)
                    .post("/v1/batch").then().statusCode(200);

            contacts.await(r -> ada.equals(r.key()) && r.value() != null && r.value().contains("\"vip\""), WAIT);
            var versions = contacts.all(r -> ada.equals(r.key()) && r.value() != null, Duration.ofSeconds(1)).stream()
                    .map(r -> MessageJson.read(r.value(), ContactSnapshot.class)).toList();
            assertTrue(versions.size() >= 2, "snapshots of " + ada + ": " + versions.size());
            assertEquals("free", versions.get(0).traits().get("plan").asText());
            assertEquals("pro", versions.get(1).traits().get("plan").asText());
            assertEquals(versions.get(0).version() + 1, versions.get(1).version());
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + ada).then().statusCode(200)
                .body("traits.plan", equalTo("pro")).body("traits.first_name", equalTo("Ada"))
                .body("traits.city", equalTo("Lyon")).body("traits.vip", equalTo(true));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + bo).then().statusCode(200)
                .body("traits.plan", equalTo("pro")).body("traits.first_name", equalTo("Bo"));
    }

    @Test
    void aResentMessageIsAcceptedButAppliedOnce() {
        String userId = "u-" + UUID.randomUUID();
        String body = identify(userId, "m-" + userId);
        for (int i = 0; i < 2; i++) {
            given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON).body(body)
                    .post("/v1/identify").then().statusCode(200);
        }
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + userId)
                .then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void trackIsPublishedKeyedByContact() {
        String userId = "u-" + UUID.randomUUID();
        try (var events = TopicProbe.watch(Topics.EVENTS)) {
            given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                    .body("{\"userId\":\"" + userId + "\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"free\"}}")
                    .post("/v1/track").then().statusCode(200);
            var event = MessageJson.read(events.await(r -> userId.equals(r.key()), WAIT).value(), SegmentMessage.class);
            assertEquals("Signed Up", event.event());
            assertEquals("free", event.properties().get("plan").asText());
        }
    }

    @Test
    void identifyProducedStraightToKafkaGivesTheSameContact() {
        String userId = "u-" + UUID.randomUUID();
        String message = identify(userId, "m-" + userId).replace("{\"userId\"", "{\"type\":\"identify\",\"userId\"")
                ;
        TopicProbe.produce(Topics.EVENTS, userId, message);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/" + userId)
                        .then().statusCode(200).body("phone", equalTo("+33612345678")));
    }

    @Test
    void aPoisonRecordGoesToTheDlqWithItsReasonAndTheConsumerMovesOn() {
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.EVENTS))) {
            TopicProbe.produce(Topics.EVENTS, key, "{not json");
            var parked = dlq.await(r -> key.equals(r.key()), WAIT);
            assertEquals("{not json", parked.value());
            Header reason = parked.headers().lastHeader("dead-letter-reason");
            assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("not a valid SegmentMessage"));
        }
        identifyProducedStraightToKafkaGivesTheSameContact();
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"u\"}").post("/v1/track")
                .then().statusCode(400).body("field", equalTo("/event")).body("message", containsString("event name"));
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                .body("{\"userId\":").post("/v1/identify")
                .then().statusCode(400).body("message", containsString("not valid JSON"));
    }

    @Test
    void ingestNeedsAWriteKeyAndAdminNeedsAnApiKeyWithARole() {
        given().contentType(ContentType.JSON).body("{}").post("/v1/track").then().statusCode(401);
        given().auth().preemptive().basic("wrong-key", "").contentType(ContentType.JSON).body("{}")
                .post("/v1/track").then().statusCode(401);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType(ContentType.JSON).body("{}")
                .post("/v1/track").then().statusCode(403);
        given().get("/v1/contacts/anyone").then().statusCode(401);
        given().auth().preemptive().basic(TestKeys.WRITE, "").get("/v1/contacts/anyone").then().statusCode(403);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/contacts/nobody-" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("not_found"));
    }
}
