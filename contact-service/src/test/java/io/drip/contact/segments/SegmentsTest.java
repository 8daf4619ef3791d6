package io.drip.contact.segments;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Segments from src/test/resources/segments.yaml, and RFM on a known data set. */
@QuarkusTest
class SegmentsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    RfmRecompute rfm;

    private static RequestSpecification as(String key) {
        return given().header("Authorization", TestKeys.bearer(key)).contentType(ContentType.JSON);
    }

    @Test
    void enteringASegmentIsInTheSnapshotAndAnnouncedAndLeavingItToo() {
        String id = "seg-" + UUID.randomUUID();
        try (var contacts = TopicProbe.watch(Topics.CONTACTS); var events = TopicProbe.watch(Topics.EVENTS)) {
            as(TestKeys.MARKETER).body("{\"traits\":{\"plan\":\"pro\"}}").put("/v1/contacts/" + id).then().statusCode(200);
            var snapshot = MessageJson.read(contacts.await(r -> id.equals(r.key()) && r.value().contains("\"segments\""), WAIT)
                    .value(), ContactSnapshot.class);
            assertEquals(List.of("vip"), snapshot.segments());
            var entered = MessageJson.read(events.await(r -> id.equals(r.key()), WAIT).value(), SegmentMessage.class);
            assertEquals("Segment Entered", entered.event());
            assertEquals("vip", entered.properties().get("segment_id").asText());
            assertEquals("VIP customers", entered.properties().get("segment_name").asText());
        }
        as(TestKeys.VIEWER).get("/v1/segments/vip/contacts?limit=1000").then().statusCode(200)
                .body("members.contactId", hasItem(id));
        as(TestKeys.VIEWER).get("/v1/segments").then().statusCode(200).body("id", hasItem("vip"));
        as(TestKeys.MARKETER).body("{\"traits\":{\"plan\":null}}").patch("/v1/contacts/" + id).then().statusCode(200);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + id).then()
                .body("segments", equalTo(List.of())));
        as(TestKeys.VIEWER).get("/v1/segments/vip/contacts?limit=1000").then().body("members.contactId", not(hasItem(id)));
        as(TestKeys.VIEWER).get("/v1/segments/nope/contacts").then().statusCode(404);
        as(TestKeys.VIEWER).get("/v1/segments/vip/contacts?limit=0").then().statusCode(400).body("field", equalTo("limit"));
    }

    /** The known data set, scored by a recompute. */
    @Test
    void rfmScoresByQuintileOnAKnownDataSet() {
        String run = knownDataSet();
        assertEquals(10, rfm.recompute().await().indefinitely());
        int[] expected = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        String[] names = {"hibernating", "hibernating", "hibernating", "hibernating", "loyal", "loyal", "champions",
                "champions", "champions", "champions"};
        for (int i = 0; i < 10; i++) {
            as(TestKeys.VIEWER).get("/v1/contacts/rfm-" + run + "-" + i).then().statusCode(200)
                    .body("rfm.recency", equalTo(expected[i])).body("rfm.frequency", equalTo(expected[i]))
                    .body("rfm.monetary", equalTo(expected[i])).body("rfm.segment", equalTo(names[i]))
                    .body("rfm.orders", equalTo(i + 1));
        }
        assertEquals(0, rfm.recompute().await().indefinitely(), "scores are stable when nothing changed");
        // the named segment and the revenue are computed attributes of segment conditions
        String champion = "rfm-" + run + "-9";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + champion).then()
                .body("segments", equalTo(List.of("rfm-champions", "big-spenders"))));
        // never in a segment: the snapshot lists none
        as(TestKeys.VIEWER).get("/v1/contacts/rfm-" + run + "-1").then().body("segments", nullValue());
        as(TestKeys.OPS).get("/v1/contacts/" + champion + "/export").then().statusCode(200)
                .body("segments.orders.size()", equalTo(10)).body("segments.rfm.segment", equalTo("champions"));
        as(TestKeys.OPS).delete("/v1/contacts/" + champion).then().statusCode(200)
                .body("removed.segments", equalTo(10 + 1 + 2));
    }

    /**
     * The known data set scored by a recompute, then one more order each for customers 0 and 5: they
     * are rescored at once against the recompute's boundaries (orders 2, 4, 6, 8; revenue 400, 1600,
     * 3600, 6400; last orders 9, 7, 5, 3 days ago), and customer 5's new named segment
     * (champions) brings its snapshot with the segment that depends on it.
     */
    @Test
    void anOrderRescoresItsContactAtOnceAgainstTheLastBoundaries() {
        String run = knownDataSet();
        rfm.recompute().await().indefinitely();
        String customer0 = "rfm-" + run + "-0";
        String customer5 = "rfm-" + run + "-5";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> as(TestKeys.VIEWER).get("/v1/contacts/" + customer5).then()
                .body("segments", equalTo(List.of("big-spenders"))));
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            order(customer0, "late-0", 450);
            // 2 orders (F1), 550 (M2), ordered now (R5): a new customer, at once
            as(TestKeys.VIEWER).get("/v1/contacts/" + customer0).then().statusCode(200)
                    .body("rfm.recency", equalTo(5)).body("rfm.frequency", equalTo(1)).body("rfm.monetary", equalTo(2))
                    .body("rfm.segment", equalTo("new_customers")).body("rfm.orders", equalTo(2));
            order(customer5, "late-5", 100);
            // 7 orders (F4), 3700 (M4), ordered now (R5): loyal becomes champions
            as(TestKeys.VIEWER).get("/v1/contacts/" + customer5).then().statusCode(200)
                    .body("rfm.recency", equalTo(5)).body("rfm.frequency", equalTo(4)).body("rfm.monetary", equalTo(4))
                    .body("rfm.segment", equalTo("champions"));
            var snapshot = MessageJson.read(contacts.await(r -> customer5.equals(r.key())
                    && r.value().contains("rfm-champions"), WAIT).value(), ContactSnapshot.class);
            assertEquals(List.of("rfm-champions", "big-spenders"), snapshot.segments());
        }
    }

    private static void order(String contactId, String messageId, int revenue) {
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON)
                .body("{\"userId\":\"%s\",\"event\":\"Order Completed\",\"messageId\":\"%s-%s\",\"properties\":{\"revenue\":%d}}"
                        .formatted(contactId, contactId, messageId, revenue))
                .post("/v1/track").then().statusCode(200);
    }

    /**
     * Ten customers on an empty RFM: customer i placed i+1 orders of (i+1)×100, the last one 10-i
     * days ago. Each score is ceil(rank/10 × 5): customers 0-1 score 1, 2-3 score 2, … 8-9 score 5.
     * Returns the run's id part (customers are rfm-&lt;run&gt;-&lt;i&gt;).
     */
    private String knownDataSet() {
        for (String table : new String[] {"order_event", "contact_rfm", "rfm_boundary"}) {
            pool.query("delete from " + table).execute().await().indefinitely();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        StringBuilder batch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 10; i++) {
            String id = "rfm-" + run + "-" + i;
            batch.append("{\"type\":\"identify\",\"userId\":\"").append(id).append("\",\"traits\":{}},");
            for (int order = 0; order <= i; order++) {
                Instant at = now.minus(Duration.ofDays(10 - i)).minus(Duration.ofHours(order));
                batch.append("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"").append(id)
                        .append("\",\"messageId\":\"").append(id).append("-o").append(order)
                        .append("\",\"timestamp\":\"").append(at).append("\",\"properties\":{\"revenue\":")
                        .append((i + 1) * 100).append(",\"currency\":\"EUR\"}},");
            }
        }
        batch.setLength(batch.length() - 1);
        batch.append("]}");
        given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON).body(batch.toString())
                .post("/v1/batch").then().statusCode(200);
        return run;
    }
}
