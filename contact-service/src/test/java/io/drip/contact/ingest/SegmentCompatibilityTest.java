package io.drip.contact.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The requests Segment's own libraries make, byte for byte in shape: analytics-node
 * (@segment/analytics-node: HTTP Basic write key, ISO instants with Z, batch-level sentAt) and
 * analytics-python (writeKey in the body, +00:00 offsets, explicit nulls, optional gzip) post to
 * /v1/batch; analytics-java itself, Segment's Java library, runs against the service.
 */
@QuarkusTest
class SegmentCompatibilityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    private static RequestSpecification viewer() {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER));
    }

    private static RequestSpecification writeKey() {
        return given().auth().preemptive().basic(TestKeys.WRITE, "").contentType(ContentType.JSON);
    }

    @Test
    void analyticsNodeBatchIsAppliedAndPublishedWithCorrectedTimestamps() {
        String userId = "node-" + UUID.randomUUID();
        Instant now = Instant.now();
        // the library's clock runs 10 minutes fast
        Instant deviceNow = now.plus(Duration.ofMinutes(10));
        String body = """
                {"batch":[
                  {"userId":"%1$s","traits":{"phone":"06 12 34 56 78","first_name":"Ada","email":"ada@example.com"},
                   "type":"identify","context":{"library":{"name":"@segment/analytics-node","version":"2.1.3"}},
                   "messageId":"node-next-1732528800000-%2$s","timestamp":"%3$s","integrations":{},
                   "_metadata":{"jsRuntime":"node"}},
                  {"userId":"%1$s","event":"Order Completed","properties":{"order_id":"o-1","revenue":42.5,"currency":"EUR"},
                   "type":"track","context":{"library":{"name":"@segment/analytics-node","version":"2.1.3"}},
                   "messageId":"node-next-1732528800001-%2$s","timestamp":"%3$s","integrations":{},
                   "_metadata":{"jsRuntime":"node"}},
                  {"userId":"%1$s","name":"Pricing","properties":{"url":"https://shop.example/pricing"},"type":"page",
                   "messageId":"node-next-1732528800002-%2$s","timestamp":"%3$s","integrations":{}}],
                 "sentAt":"%4$s"}""".formatted(userId, UUID.randomUUID(), deviceNow.minusSeconds(60), deviceNow);
        try (var events = TopicProbe.watch(Topics.EVENTS)) {
            writeKey().body(body).post("/v1/batch").then().statusCode(200).body("success", equalTo(true));
            var published = events.all(r -> userId.equals(r.key()), Duration.ofSeconds(3)).stream()
                    .map(r -> MessageJson.read(r.value(), SegmentMessage.class)).toList();
            assertEquals(3, published.size(), published.toString());
            var track = published.stream().filter(SegmentMessage::isTrack).findFirst().orElseThrow();
            long skewSeconds = Duration.between(track.timestamp(), now.minusSeconds(60)).abs().toSeconds();
            assertEquals(0, skewSeconds, "timestamp corrected by the device's 10-minute skew: " + track.timestamp());
        }
        // test-shop's numbers are read as French (drip.ingest.source-regions)
        viewer().get("/v1/contacts/" + userId).then().statusCode(200)
                .body("phone", equalTo("+33612345678")).body("timezone", equalTo("Europe/Paris"))
                .body("traits.first_name", equalTo("Ada"));
    }

    @Test
    void analyticsPythonGzippedBatchWithTheWriteKeyInTheBody() throws Exception {
        String userId = "py-" + UUID.randomUUID();
        String body = """
                {"batch":[{"integrations":{},"anonymousId":null,"properties":{},"context":{"library":
                  {"name":"analytics-python","version":"2.3.3"}},"timestamp":"2026-11-25T10:00:00.123456+00:00",
                  "userId":"%1$s","traits":{"phone":"+1 415 555 2671","timezone":"America/New_York"},"type":"identify",
                  "messageId":"%2$s"}],
                 "sentAt":"2026-11-25T10:00:01.000000+00:00","writeKey":"%3$s"}"""
                .formatted(userId, UUID.randomUUID(), TestKeys.WRITE);
        given().contentType(ContentType.JSON).header("Content-Encoding", "gzip").header("User-Agent", "analytics-python/2.3.3")
                .body(gzip(body)).post("/v1/batch").then().statusCode(200);
        viewer().get("/v1/contacts/" + userId).then().statusCode(200)
                .body("phone", equalTo("+14155552671")).body("timezone", equalTo("America/New_York"));
        given().contentType(ContentType.JSON).body(body.replace(TestKeys.WRITE, "not-a-key"))
                .post("/v1/batch").then().statusCode(401);
    }

    /**
     * Segment's own Java library, configured as its README says (a write key and the host), sends
     * an identify whose context.timezone is a Windows zone name and a track; an interceptor on its
     * HTTP client keeps what the service answered.
     */
    @Test
    void theRealAnalyticsJavaClientIsAcceptedAsItIsAndAWrongContextTimezoneIsAWarning() {
        String userId = "java-" + UUID.randomUUID();
        List<String> answers = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            Response response = chain.proceed(chain.request());
            answers.add(chain.request().url().encodedPath() + " " + response.code() + " "
                    + response.peekBody(64 * 1024).string());
            return response;
        }).build();
        Analytics analytics = Analytics.builder(TestKeys.WRITE).endpoint(base.toString().replaceAll("/$", ""))
                .client(http).callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.add("sent " + message.type());
                    }

                    @Override
                    public void failure(Message message, Throwable cause) {
                        delivered.add("failed " + message.type() + ": " + cause);
                    }
                }).build();
        try (var events = TopicProbe.watch(Topics.EVENTS)) {
            analytics.enqueue(IdentifyMessage.builder().userId(userId)
                    .traits(Map.of("phone", "+1 415 555 2671", "first_name", "Ada"))
                    .context(Map.of("timezone", "Eastern Standard Time")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(userId)
                    .properties(Map.of("order_id", "o-7", "revenue", 19.9, "currency", "USD")));
            analytics.flush();
            Awaitility.await().atMost(WAIT).until(() -> delivered.size() == 2);
            assertEquals(List.of("sent identify", "sent track"), delivered.stream().sorted().toList(), answers.toString());
            var published = events.all(r -> userId.equals(r.key()), Duration.ofSeconds(3)).stream()
                    .map(r -> MessageJson.read(r.value(), SegmentMessage.class)).toList();
            assertEquals(2, published.size(), published.toString());
        } finally {
            analytics.shutdown();
        }
        assertEquals(1, answers.size(), answers.toString());
        assertTrue(answers.get(0).startsWith("/v1/import/ 200 "), answers.get(0));
        assertTrue(answers.get(0).contains("\"field\":\"/batch/0/context/timezone\""), answers.get(0));
        assertTrue(answers.get(0).contains("'Eastern Standard Time' is not an IANA time zone"), answers.get(0));
        // the zone comes from the number instead of the ignored context
        viewer().get("/v1/contacts/" + userId).then().statusCode(200)
                .body("phone", equalTo("+14155552671")).body("timezone", equalTo("America/Los_Angeles"))
                .body("traits.first_name", equalTo("Ada"));
    }

    @Test
    void anEventNameLongerThanTheTopicAllowsIsRefusedOverHttp() {
        String userId = "long-" + UUID.randomUUID();
        writeKey().body("{\"userId\":\"" + userId + "\",\"event\":\"" + "E".repeat(201) + "\"}")
                .post("/v1/track").then().statusCode(400).body("field", equalTo("/event"))
                .body("message", containsString("200"));
        writeKey().body("{\"batch\":[{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\""
                        + "E".repeat(201) + "\"}]}")
                .post("/v1/batch").then().statusCode(400).body("field", equalTo("/batch/0/event"));
    }

    @Test
    void aBadMessageRejectsTheWholeBatchAndNamesItsIndexAndField() {
        String userId = "bad-" + UUID.randomUUID();
        writeKey().body("""
                {"batch":[{"type":"identify","userId":"%s","traits":{"first_name":"Ada"}},
                          {"type":"track","userId":"%s","properties":{}}]}""".formatted(userId, userId))
                .post("/v1/batch").then().statusCode(400)
                .body("field", equalTo("/batch/1/event")).body("message", containsString("batch message 1"));
        viewer().get("/v1/contacts/" + userId).then().statusCode(404);
    }

    @Test
    void oversizedRequestsAre413AndSayWhichMessage() {
        String blob = "x".repeat(33 * 1024);
        writeKey().body("{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"b\":\"" + blob + "\"}}]}")
                .post("/v1/batch").then().statusCode(413).body("field", equalTo("/batch/0"))
                .body("error", equalTo("payload_too_large"));
        writeKey().body("{\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"b\":\"" + blob + "\"}}")
                .post("/v1/track").then().statusCode(413).body("message", containsString("32 KB"));
        String many = ("{\"type\":\"page\",\"userId\":\"u\",\"properties\":{\"b\":\"" + "y".repeat(20_000) + "\"}},").repeat(30);
        writeKey().body("{\"batch\":[" + many.substring(0, many.length() - 1) + "]}")
                .post("/v1/batch").then().statusCode(413).body("message", containsString("500 KB"));
    }

    @Test
    void theSameIdentifyOverKafkaReadsNumbersInTheDefaultRegionAndTimeZoneFromTheNumber() {
        String userId = "k-" + UUID.randomUUID();
        TopicProbe.produce(Topics.EVENTS, userId, """
                {"type":"identify","userId":"%s","messageId":"%s","traits":{"phone":"090-1234-5678"}}"""
                .formatted(userId, UUID.randomUUID()));
        // DRIP_DEFAULT_REGION is US: a Japanese national number is not a US number
        Awaitility.await().atMost(WAIT).untilAsserted(() -> viewer().get("/v1/contacts/" + userId).then()
                .statusCode(200).body("phoneStatus", equalTo("invalid")).body("timezone", equalTo("UTC")));
        TopicProbe.produce(Topics.EVENTS, userId, """
                {"type":"identify","userId":"%s","messageId":"%s","traits":{"phone":"+81 90-1234-5678"}}"""
                .formatted(userId, UUID.randomUUID()));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> viewer().get("/v1/contacts/" + userId).then()
                .statusCode(200).body("phone", equalTo("+819012345678")).body("timezone", equalTo("Asia/Tokyo")));
    }

    @Test
    void aMessageReplayedOnEitherPathIsAppliedOnce() {
        String userId = "replay-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        String identify = """
                {"type":"identify","userId":"%s","messageId":"%s","traits":{"first_name":"Ada"}}""".formatted(userId, messageId);
        writeKey().body(identify).post("/v1/identify").then().statusCode(200);
        writeKey().body("{\"batch\":[" + identify + "]}").post("/v1/batch").then().statusCode(200);
        TopicProbe.produce(Topics.EVENTS, userId, identify);
        TopicProbe.produce(Topics.EVENTS, userId, identify);
        String marker = """
                {"type":"identify","userId":"%s","messageId":"%s","traits":{"last_name":"Lovelace"}}"""
                .formatted(userId, UUID.randomUUID());
        TopicProbe.produce(Topics.EVENTS, userId, marker);
        // the marker comes after the replays on the same partition: once it is applied, they were skipped
        Awaitility.await().atMost(WAIT).untilAsserted(() -> viewer().get("/v1/contacts/" + userId).then()
                .statusCode(200).body("traits.last_name", equalTo("Lovelace")).body("version", equalTo(2)));
    }

    @Test
    void aliasMergesTheAnonymousProfileIntoTheUserAndErasesTheOldId() {
        String anonymousId = "anon-" + UUID.randomUUID();
        String userId = "user-" + UUID.randomUUID();
        writeKey().body("{\"anonymousId\":\"" + anonymousId + "\",\"traits\":{\"phone\":\"+33 6 12 34 56 78\",\"utm\":\"fb\"}}")
                .post("/v1/identify").then().statusCode(200);
        writeKey().body("{\"userId\":\"" + userId + "\",\"traits\":{\"first_name\":\"Ada\"}}")
                .post("/v1/identify").then().statusCode(200);
        try (var contacts = TopicProbe.watch(Topics.CONTACTS)) {
            writeKey().body("{\"previousId\":\"" + anonymousId + "\",\"userId\":\"" + userId + "\"}")
                    .post("/v1/alias").then().statusCode(200);
            contacts.await(r -> anonymousId.equals(r.key()) && r.value() == null, WAIT);
        }
        viewer().get("/v1/contacts/" + anonymousId).then().statusCode(404);
        viewer().get("/v1/contacts/" + userId).then().statusCode(200).body("phone", equalTo("+33612345678"))
                .body("traits.utm", equalTo("fb")).body("traits.first_name", equalTo("Ada"));
        // later messages under the old id change the merged contact
        writeKey().body("{\"anonymousId\":\"" + anonymousId + "\",\"traits\":{\"last_name\":\"Lovelace\"}}")
                .post("/v1/identify").then().statusCode(200);
        viewer().get("/v1/contacts/" + userId).then().statusCode(200).body("traits.last_name", equalTo("Lovelace"));
        viewer().get("/v1/contacts/" + anonymousId).then().statusCode(404);
        writeKey().body("{\"userId\":\"" + userId + "\"}").post("/v1/alias").then().statusCode(400)
                .body("field", equalTo("/previousId"));
    }

    private static byte[] gzip(String text) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
