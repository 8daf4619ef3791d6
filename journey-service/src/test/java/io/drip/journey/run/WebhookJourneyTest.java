package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.kit.signing.HmacSignature;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook steps on the real broker and PostgreSQL, calling a stub of the shop's endpoint that
 * this test starts on the loopback address: the coupon endpoint fails twice, then answers; the
 * other one is always down.
 */
@QuarkusTest
class WebhookJourneyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What the stub saw, by the contact id in the query. */
    private static final Map<String, List<Seen>> SEEN = new ConcurrentHashMap<>();
    private static HttpServer shop;
    private static volatile boolean published;

    /** One request the stub got: its Idempotency-Key, whether its signature checked out, its body. */
    private record Seen(String path, String key, boolean signed, String body) {
    }

    @BeforeAll
    static void startShop() throws IOException {
        shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", WebhookJourneyTest::answer);
        shop.start();
    }

    @AfterAll
    static void stopShop() {
        shop.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getQuery();
        String contact = query == null ? "" : query.replaceFirst("^contact=", "");
        // the secret of the test profile (application.properties)
        boolean signed = HmacSignature.valid("test-webhook-secret",
                exchange.getRequestHeaders().getFirst(HmacSignature.TIMESTAMP_HEADER), body,
                exchange.getRequestHeaders().getFirst(HmacSignature.SIGNATURE_HEADER), Instant.now());
        List<Seen> seen = SEEN.computeIfAbsent(contact, c -> new CopyOnWriteArrayList<>());
        seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                signed, body));
        boolean answers = exchange.getRequestURI().getPath().equals("/coupons") && seen.size() > 2;
        byte[] answer = (answers ? "{\"code\":\"SAVE10\",\"percent\":10}" : "{\"error\":\"busy\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answers ? 200 : 503, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The two journeys, calling the stub where it listens (published once, through the API, as marketers do). */
    private static void publish() {
        if (published) {
            return;
        }
        for (String path : List.of("coupons", "down")) {
            String yaml = """
                    journey: test-webhook-%s
                    trigger: {event: Test Webhook %s}
                    steps:
                      - id: coupon
                        webhook:
                          name: coupon
                          url: "http://127.0.0.1:%d/%s?contact={{ contact.contactId }}"
                          body: '{"cart": "{{ event.properties.cart_id }}"}'
                          retries: 2
                        on_failure: sorry
                      - id: offer
                        send: {channel: sms, category: marketing, text: "Your code {{ webhook.coupon.code }} ({{ webhook.coupon.percent }}%% off)"}
                        goto: done
                      - id: sorry
                        send: {channel: sms, category: marketing, text: "Your cart is waiting"}
                      - id: done
                        exit: offered
                    """.formatted(path, path, shop.getAddress().getPort(), path);
            given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                    .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/v1/journeys").then().statusCode(201);
        }
        published = true;
    }

    private static String enter(String path) {
        publish();
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Ada");
        TestEvents.track(contactId, "w-" + UUID.randomUUID(), "Test Webhook " + path, "{\"cart_id\": \"A1\"}");
        return contactId;
    }

    private static SendCommand next(TopicProbe sends, String contactId) {
        return MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(), SendCommand.class);
    }

    private static JsonPath stats(String journey) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + journey + "/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCouponAnsweredAtTheThirdAttemptReachesTheNextText() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("coupons");
            SendCommand offer = next(sends, contactId);
            assertEquals("offer", offer.stepId());
            assertEquals("Your code SAVE10 (10% off)", offer.text());

            List<Seen> seen = SEEN.get(contactId);
            assertEquals(3, seen.size(), "two failures, then the answer: " + seen);
            assertEquals(1, seen.stream().map(Seen::key).distinct().count(), "one Idempotency-Key for all attempts: " + seen);
            assertTrue(seen.stream().allMatch(Seen::signed), "every attempt signed: " + seen);
            assertEquals("{\"cart\": \"A1\"}", seen.get(0).body());

            JsonPath run = TestEvents.journeysOf(contactId);
            List<String> what = run.getList("[0].history.what");
            assertEquals(List.of("entered", "calling", "webhook_failed", "webhook_failed", "webhook_answered", "sent",
                    "exited"), what);
            assertTrue(run.getString("[0].history[2].detail").startsWith("attempt 1 of 3: HTTP 503; again at "),
                    run.getString("[0].history[2].detail"));
            assertEquals("attempt 3 of 3: HTTP 200, kept as webhook.coupon", run.getString("[0].history[4].detail"));
        }
        JsonPath stats = stats("test-webhook-coupons");
        assertTrue(stats.getInt("webhooks.coupon.answered") >= 1, stats.prettify());
        assertTrue(stats.getInt("webhooks.coupon.failures") >= 2, stats.prettify());
        assertTrue(stats.getInt("webhooks.coupon.attempts") >= 3, stats.prettify());
    }

    @Test
    void anEndpointThatStaysDownSendsTheRunToItsFailureBranch() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("down");
            SendCommand sorry = next(sends, contactId);
            assertEquals("sorry", sorry.stepId());
            assertEquals("Your cart is waiting", sorry.text());
            assertEquals(3, SEEN.get(contactId).size(), "the first attempt and two retries");

            JsonPath run = TestEvents.journeysOf(contactId);
            assertEquals("offered", run.getString("[0].exitReason"));
            assertEquals("attempt 3 of 3: HTTP 503; on to sorry",
                    run.getString("[0].history.findAll { it.what == 'webhook_failed' }[-1].detail"));
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertTrue(stats("test-webhook-down").getInt("webhooks.coupon.failed") >= 1));
    }
}
