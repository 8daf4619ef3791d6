package io.drip.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton, end to end: the four services run as separate processes from their built
 * jars against the real broker and PostgreSQL, and the test drives them over HTTP as a backend,
 * a phone and a marketer would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WRITE_KEY = "e2e-write-" + UUID.randomUUID();
    private static final String VIEWER_KEY = "e2e-viewer-" + UUID.randomUUID();
    private static final String OPS_KEY = "e2e-ops-" + UUID.randomUUID();
    /** The databases are drip_<service>_<suffix>: another suffix keeps parallel runs apart. */
    private static final String DB_SUFFIX = System.getProperty("drip.e2e.db-suffix", "e2e");
    private static final String RUN = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, Integer> HTTP_PORTS = Map.of(
            "contact-service", 18081, "journey-service", 18082, "dispatch-service", 18083, "tracking-service", 18084);

    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private static String url(String service) {
        return "http://127.0.0.1:" + HTTP_PORTS.get(service);
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path repo = Path.of(System.getProperty("drip.repo.root", "..")).toAbsolutePath().normalize();
        ServiceGroups.startAtEnd(RUN);
        for (String service : List.of("contact-service", "journey-service", "dispatch-service", "tracking-service")) {
            int port = HTTP_PORTS.get(service);
            Map<String, String> env = ServiceProcess.environment(
                    "drip_" + service.replace("-service", "") + "_" + DB_SUFFIX, port, RUN + "-" + service);
            env.put("DRIP_API_KEYS", "e2e-viewer:viewer:" + sha256(VIEWER_KEY) + ",e2e-ops:ops:" + sha256(OPS_KEY));
            env.put("DRIP_WRITE_KEYS", "e2e-shop:" + sha256(WRITE_KEY));
            env.put("DRIP_JOURNEYS_DIR", repo.resolve("deploy/journeys").toString());
            env.put("DRIP_TRACKING_BASE_URL", url("tracking-service"));
            // the run must not depend on the hour: no quiet hours (dispatch's own tests cover them)
            env.put("DRIP_SEND_WINDOW_FROM", "00:00");
            env.put("DRIP_SEND_WINDOW_TO", "00:00");
            services.put(service, ServiceProcess.start(repo, service, port + 100, env));
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopTheSystem() {
        services.values().forEach(ServiceProcess::close);
    }

    @Test
    @Order(1)
    void aSignUpBecomesATrackedSmsWhoseClickReachesTheJourneyStats() throws Exception {
        String userId = "shopper-" + UUID.randomUUID();
        // a Dutch mobile: no country rule (such as France's no marketing on Sundays and public
        // holidays) makes the test depend on the day
        String phone = "+3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));

        // the shop's backend is traced: one trace follows its request through every Kafka hop
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (var sends = TopicProbe.watch(Topics.SENDS); var deliveries = TopicProbe.watch(Topics.DELIVERIES);
                var clicks = TopicProbe.watch(Topics.CLICKS)) {
            tap(signUpAndReadTheLink(userId, phone, "00-" + traceId + "-" + traceId.substring(0, 16) + "-01"));

            assertEquals(traceId, traceIdOf(sends.await(r -> userId.equals(r.key()), WAIT)),
                    "journey-service's send command continues the sign-up's trace");
            for (String status : List.of("sent", "delivered")) {
                assertEquals(traceId, traceIdOf(deliveries.await(r -> userId.equals(r.key())
                        && r.value().contains("\"status\":\"" + status + "\""), WAIT)),
                        "dispatch-service's " + status + " status continues it");
            }
            assertEquals(traceId, traceIdOf(clicks.await(r -> userId.equals(r.key()), WAIT)),
                    "tracking-service's click continues it");
        }

        // the marketer: sent, delivered and clicked reach the journey's stats
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonPath stats = given().baseUri(url("journey-service")).header("Authorization", "Bearer " + VIEWER_KEY)
                    .get("/v1/journeys/welcome/stats").then().statusCode(200).extract().jsonPath();
            assertEquals(1, stats.getInt("entered"));
            assertEquals(1, stats.getInt("active"), "the welcome series waits two days for its second message");
            assertEquals(1, stats.getInt("steps[0].messages"));
            assertEquals(1, stats.getInt("steps[0].sent"));
            assertEquals(1, stats.getInt("steps[0].delivered"));
            assertEquals(1, stats.getInt("steps[0].clicked"));
        });
    }

    private static String traceIdOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        assertNotNull(header, "a traceparent header on " + record.topic());
        return new String(header.value(), StandardCharsets.UTF_8).split("-")[1];
    }

    private static String signUpAndReadTheLink(String userId, String phone) {
        return signUpAndReadTheLink(userId, phone, null);
    }

    /**
     * The shop's backend signs the shopper up (its track call in the given W3C trace, if any);
     * returns the code of the link in the SMS that reaches the phone.
     */
    private static String signUpAndReadTheLink(String userId, String phone, String traceparent) {
        // the shop's backend, with its write key, as it would call Segment
        given().baseUri(url("contact-service")).auth().preemptive().basic(WRITE_KEY, "").contentType(ContentType.JSON)
                .body("""
                        {"userId":"%s","traits":{"phone":"%s","first_name":"Ada","timezone":"Europe/Amsterdam"}}"""
                        .formatted(userId, phone))
                .post("/v1/identify").then().statusCode(200).body("success", equalTo(true));
        var track = given().baseUri(url("contact-service")).auth().preemptive().basic(WRITE_KEY, "");
        if (traceparent != null) {
            track = track.header("traceparent", traceparent);
        }
        track.contentType(ContentType.JSON)
                .body("{\"userId\":\"%s\",\"event\":\"Signed Up\",\"properties\":{\"source\":\"e2e\"}}".formatted(userId))
                .post("/v1/track").then().statusCode(200);

        // the phone: the SMS arrives in the sandbox inbox with its short link
        List<String> texts = new ArrayList<>();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            texts.clear();
            JsonPath inbox = inbox(phone);
            assertEquals(List.of("delivered"), inbox.getList("status", String.class), "the inbox of " + phone + ": "
                    + inbox.prettify());
            texts.addAll(inbox.getList("text", String.class));
        });
        Matcher link = Pattern.compile("^Hi Ada, welcome to Drip Shop! Your first order ships free: "
                + Pattern.quote(url("tracking-service")) + "/([0-9A-Za-z]{10}) Reply STOP to opt out$")
                .matcher(texts.get(0)); // dispatch adds the opt-out footer to marketing SMS
        assertTrue(link.matches(), "unexpected SMS text: " + texts.get(0));
        return link.group(1);
    }

    private static JsonPath inbox(String phone) {
        return given().baseUri(url("dispatch-service")).header("Authorization", "Bearer " + VIEWER_KEY)
                .queryParam("to", phone).get("/v1/sandbox/messages").then().statusCode(200).extract().jsonPath();
    }

    /** The shopper reads the SMS, then taps the link. */
    private static void tap(String code) throws InterruptedException {
        // a tap within seconds of delivery is a link preview, not a person: tracking-service flags it
        Thread.sleep(3500);
        given().baseUri(url("tracking-service"))
                .config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)")
                .get("/" + code)
                .then().statusCode(302).header("Location",
                        "https://shop.example/welcome?utm_source=sms&utm_medium=marketing&utm_campaign=welcome&utm_content=welcome");
    }

    @Test
    @Order(2)
    void anErasureAtContactServiceReachesEveryService() throws Exception {
        String userId = "shopper-" + UUID.randomUUID();
        String phone = "+3162" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String code = signUpAndReadTheLink(userId, phone);
        tap(code);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals("active", given().baseUri(url("journey-service"))
                .header("Authorization", "Bearer " + VIEWER_KEY).get("/v1/contacts/" + userId + "/journeys")
                .then().statusCode(200).extract().path("[0].status")));

        given().baseUri(url("contact-service")).header("Authorization", "Bearer " + OPS_KEY)
                .delete("/v1/contacts/" + userId).then().statusCode(200);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            // journey-service: the run ended as erased, and nothing is left under the contact's id
            given().baseUri(url("journey-service")).header("Authorization", "Bearer " + VIEWER_KEY)
                    .get("/v1/contacts/" + userId + "/journeys").then().statusCode(200).body("$", hasSize(0));
            given().baseUri(url("journey-service")).header("Authorization", "Bearer " + VIEWER_KEY)
                    .get("/v1/journeys/welcome/stats").then().statusCode(200).body("exitReasons.erased", equalTo(1));
            // dispatch-service: the messages are kept without number and text
            assertEquals(List.of(), inbox(phone).getList("$"));
            // tracking-service: the link no longer names the contact (its clicks lost IP and user agent)
            String owner = given().baseUri(url("tracking-service")).header("Authorization", "Bearer " + VIEWER_KEY)
                    .get("/v1/links/" + code).then().statusCode(200).extract().path("contactId");
            assertTrue(owner.startsWith("erased-"), owner);
        });
        try (var db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/drip_tracking_" + DB_SUFFIX, "drip", "drip");
                var clicks = db.prepareStatement("select ip, user_agent, device from click where code = ?")) {
            clicks.setString(1, code);
            try (var click = clicks.executeQuery()) {
                assertTrue(click.next(), "the tap was recorded");
                assertEquals(null, click.getString("ip"));
                assertEquals(null, click.getString("user_agent"));
                assertEquals("mobile", click.getString("device"));
            }
        }
    }

    @Test
    @Order(3)
    void everyServiceReportsKafkaAndPostgresInItsHealthAndGuardsItsApis() {
        services.forEach((name, service) -> {
            service.health("live").then().statusCode(200).body("status", equalTo("UP"));
            service.health("ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Messaging")))
                    .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("PostgreSQL")));
        });
        given().baseUri(url("contact-service")).contentType(ContentType.JSON).body("{}").post("/v1/track")
                .then().statusCode(401);
        given().baseUri(url("journey-service")).auth().preemptive().basic(WRITE_KEY, "").get("/v1/journeys")
                .then().statusCode(403);
        given().baseUri(url("dispatch-service")).get("/v1/sandbox/messages").then().statusCode(401);
    }

    @Test
    @Order(4)
    void everyServiceStopsGracefullyOnSigterm() throws Exception {
        for (var entry : services.entrySet()) {
            String log = entry.getValue().stopGracefully(Duration.ofSeconds(30));
            assertTrue(log.contains(entry.getKey() + " stopped in"), entry.getKey() + " log:\n" + log);
        }
    }
}
