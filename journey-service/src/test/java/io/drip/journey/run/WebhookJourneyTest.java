package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.run.TestShop.Answer;
import io.drip.journey.run.TestShop.Seen;
import io.drip.journey.webhook.WebhookConfig;
import io.drip.kit.clock.DatabaseClock;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook steps on the real broker and PostgreSQL, calling a stub of the shop's endpoint
 * ({@link TestShop}): the coupon endpoint fails twice, then answers; the down one is always down;
 * the large one answers one byte more than an answer may have; the lease one answers as the test
 * that plays a replica dying mid-call lets it.
 */
@QuarkusTest
class WebhookJourneyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The lease journey's step timeout: this replica's attempt waits on the shop while the test plays the other one. */
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(6);
    private static final CountDownLatch LEASE_JOURNEY_PAUSED = new CountDownLatch(1);
    private static final CountDownLatch STALE_ANSWER_DROPPED = new CountDownLatch(1);
    private static TestShop shop;
    private static volatile int answerLimit;
    private static volatile boolean published;

    @Inject
    Pool pool;

    @Inject
    DatabaseClock clock;

    @Inject
    WebhookQueue queue;

    @Inject
    WebhookConfig webhooks;

    @BeforeAll
    static void startShop() throws IOException {
        shop = TestShop.start(WebhookJourneyTest::answer);
    }

    @AfterAll
    static void stopShop() {
        shop.close();
    }

    private static Answer answer(Seen request, List<Seen> ofContact) throws InterruptedException {
        switch (request.path()) {
            case "/coupons":
                return ofContact.size() > 2 ? new Answer(200, "{\"code\":\"SAVE10\",\"percent\":10}") : busy();
            case "/large":
                // valid JSON, one byte over the limit
                String empty = "{\"code\":\"SAVE10\",\"pad\":\"\"}";
                return new Answer(200, empty.replace("\"\"}", "\"" + "x".repeat(answerLimit + 1 - empty.length()) + "\"}"));
            case "/lease":
                // 1: this replica's first attempt, failed once the journey is paused; 2: this replica's attempt
                // once the other replica's lease ran out, answered once that one's late answer is dropped;
                // 3: the other replica's late attempt
                if (ofContact.size() == 1) {
                    LEASE_JOURNEY_PAUSED.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    return busy();
                }
                if (ofContact.size() == 2) {
                    STALE_ANSWER_DROPPED.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    return new Answer(200, "{\"code\":\"OWNER\",\"percent\":15}");
                }
                return new Answer(200, "{\"code\":\"STALE\",\"percent\":50}");
            default:
                return busy();
        }
    }

    private static Answer busy() {
        return new Answer(503, "{\"error\":\"busy\"}");
    }

    /** The journeys, calling the stub where it listens (published once, through the API, as marketers do). */
    private static void publish() {
        if (published) {
            return;
        }
        for (String path : List.of("coupons", "down", "large", "lease")) {
            String timeout = path.equals("lease") ? "      timeout: " + LEASE_TIMEOUT.toSeconds() + "s\n" : "";
            String yaml = """
                    journey: test-webhook-%s
                    trigger: {event: Test Webhook %s}
                    steps:
                      - id: coupon
                        webhook:
                          name: coupon
                          url: "%s/%s?contact={{ contact.contactId }}"
                          body: '{"cart": "{{ event.properties.cart_id }}"}'
                          retries: 2
                    %s    on_failure: sorry
                      - id: offer
                        send: {channel: sms, category: marketing, text: "Your code {{ webhook.coupon.code }} ({{ webhook.coupon.percent }}%% off)"}
                        goto: done
                      - id: sorry
                        send: {channel: sms, category: marketing, text: "Your cart is waiting"}
                      - id: done
                        exit: offered
                    """.formatted(path, path, shop.base(), path, timeout);
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

    private static void setStatus(String journey, String change) {
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).post("/v1/journeys/" + journey + "/" + change)
                .then().statusCode(200);
    }

    private List<Row> rows(String sql, Object... params) {
        return Rows.of(pool, sql, params);
    }

    @Test
    void aCouponAnsweredAtTheThirdAttemptReachesTheNextText() {
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("coupons");
            SendCommand offer = next(sends, contactId);
            assertEquals("offer", offer.stepId());
            assertEquals("Your code SAVE10 (10% off)", offer.text());

            List<Seen> seen = shop.seen(contactId);
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
            assertEquals(3, shop.seen(contactId).size(), "the first attempt and two retries");

            JsonPath run = TestEvents.journeysOf(contactId);
            assertEquals("offered", run.getString("[0].exitReason"));
            assertEquals("attempt 3 of 3: HTTP 503; on to sorry",
                    run.getString("[0].history.findAll { it.what == 'webhook_failed' }[-1].detail"));
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertTrue(stats("test-webhook-down").getInt("webhooks.coupon.failed") >= 1));
    }

    @Test
    void anAnswerLargerThanTheLimitFailsTheCallWithoutRetryAndSaysWhy() {
        answerLimit = webhooks.maxAnswerBytes();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("large");
            SendCommand sorry = next(sends, contactId);
            assertEquals("sorry", sorry.stepId());
            assertEquals(1, shop.seen(contactId).size(), "a refused answer is not asked for again");

            JsonPath run = TestEvents.journeysOf(contactId);
            assertEquals(List.of("entered", "calling", "webhook_failed", "sent", "exited"), run.getList("[0].history.what"));
            assertEquals("attempt 1 of 3: the answer is larger than " + answerLimit
                    + " bytes (DRIP_JOURNEYS_WEBHOOKS_MAX_ANSWER_BYTES); on to sorry", run.getString("[0].history[2].detail"));
            UUID runId = UUID.fromString(run.getString("[0].run"));
            Row call = rows("select status, attempts from webhook_call where run_id = $1", runId).get(0);
            assertEquals("failed", call.getString("status"));
            assertEquals(1, call.getInteger("attempts"));
            assertNull(rows("select webhooks::text as webhooks from journey_run where id = $1", runId).get(0)
                    .getString("webhooks"), "nothing of the answer is kept");
        }
    }

    /**
     * Another replica claims and leases an attempt, then stops (dies, or stalls) before it makes
     * the call; the test plays that replica through the queue's own claim and lease. This replica
     * makes the call again once the lease has run out, with the same key; when the stalled replica
     * wakes up and makes its attempt after all, while the call is still pending, its answer is
     * dropped, and the run moves on once, with the answer of the attempt that holds the lease.
     */
    @Test
    void aCallLeasedByAReplicaThatStoppedIsMadeAgainAfterItsLeaseAndItsLateAnswerIsDropped() {
        String journey = "test-webhook-lease";
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = enter("lease");
            // this replica's first attempt is in the shop's hands: the journey is paused meanwhile, so the
            // retry its failure asks for waits with the held run and the test's claim cannot lose a race
            Awaitility.await().atMost(WAIT).until(() -> shop.seen(contactId).size() == 1);
            setStatus(journey, "pause");
            LEASE_JOURNEY_PAUSED.countDown();
            UUID runId = UUID.fromString(TestEvents.journeysOf(contactId).getString("[0].run"));
            Awaitility.await().atMost(WAIT).until(() -> rows("""
                    select 1 from webhook_call where run_id = $1 and failures = 1 and status = 'pending' and next_at <= now()""",
                    runId).size() == 1);

            Claimed stalled = claimAsAnotherReplica(runId);
            setStatus(journey, "resume");
            assertEquals(2, stalled.call().attempt());
            Instant leasedUntil = rows("select next_at from webhook_call where run_id = $1", runId).get(0)
                    .getOffsetDateTime("next_at").toInstant();
            assertEquals(stalled.at().plus(LEASE_TIMEOUT).plus(webhooks.leaseMargin()), leasedUntil,
                    "leased for the step's timeout plus drip.journeys.webhooks.lease-margin");

            // the other replica makes no call: this one makes it again once the lease has run out
            Awaitility.await().atMost(WAIT).until(() -> shop.seen(contactId).size() == 2);
            Seen again = shop.seen(contactId).get(1);
            assertFalse(again.at().isBefore(leasedUntil), "not made again before the lease ran out: " + again.at()
                    + " < " + leasedUntil);

            // the stalled replica wakes up while that attempt waits for the shop: its late answer is dropped
            queue.afterCommit(List.of(stalled.call())).await().atMost(WAIT);
            assertEquals(3, shop.seen(contactId).size(), "the late attempt was made: " + shop.seen(contactId));
            assertEquals(List.of(), rows("select 1 from run_history where run_id = $1 and what = 'webhook_answered'", runId));
            assertNull(rows("select webhooks::text as webhooks from journey_run where id = $1", runId).get(0)
                    .getString("webhooks"), "the late answer is not kept");
            STALE_ANSWER_DROPPED.countDown();

            SendCommand offer = next(sends, contactId);
            assertEquals("offer", offer.stepId());
            assertEquals("Your code OWNER (15% off)", offer.text());
            List<Seen> seen = shop.seen(contactId);
            assertEquals(1, seen.stream().map(Seen::key).distinct().count(), "one Idempotency-Key for all attempts: " + seen);
            assertTrue(seen.stream().allMatch(Seen::signed), "every attempt signed: " + seen);

            JsonPath run = TestEvents.journeysOf(contactId);
            assertEquals(List.of("entered", "calling", "webhook_failed", "webhook_answered", "sent", "exited"),
                    run.getList("[0].history.what"), "the run moved on once");
            assertEquals("attempt 3 of 3: HTTP 200, kept as webhook.coupon", run.getString("[0].history[3].detail"));
            Row call = rows("select status, attempts from webhook_call where run_id = $1", runId).get(0);
            assertEquals("answered", call.getString("status"));
            assertEquals(3, call.getInteger("attempts"));
        }
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> sendsTo(journey) == 1);
    }

    /** A due call as another replica's queue claims and leases it (DueWork's claiming transaction), made by nobody yet. */
    private record Claimed(WebhookQueue.DueCall call, Instant at) {
    }

    private Claimed claimAsAnotherReplica(UUID runId) {
        return pool.withTransaction(tx -> clock.now(tx).chain(now -> tx
                        // as the resume does, for this run only, in the claim's transaction: this replica's queue
                        // cannot see the call due before it is leased
                        .preparedQuery("update journey_run set held = false where id = $1").execute(Tuple.of(runId))
                        .chain(() -> queue.claim(tx, now, 100))
                        .chain(due -> queue.processAll(tx, due, now).replaceWith(due))
                        .map(due -> new Claimed(due.stream().filter(c -> c.runId().equals(runId)).findFirst()
                                .orElseThrow(() -> new AssertionError("the due call was not claimed: " + due)), now))))
                .await().atMost(WAIT);
    }

    private long sendsTo(String journey) {
        return Rows.count(pool, "select count(*) from message m join journey_run r on r.id = m.run_id where r.journey_id = $1",
                journey);
    }
}
