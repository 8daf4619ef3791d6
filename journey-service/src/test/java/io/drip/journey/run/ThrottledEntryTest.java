package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A throttled trigger on the real broker and PostgreSQL: a flood of 30 trigger events enters at
 * once, but the contacts take their first steps (here: get their SMS) 5 a second, from a queue
 * the journey's stats show.
 */
@QuarkusTest
class ThrottledEntryTest {
    private static final int CONTACTS = 30;
    private static final int PER_SECOND = 5;

    @Inject
    Pool pool;

    @Test
    void aFloodOfTriggersEntersAtTheThrottlesRateFromAVisibleQueue() {
        String id = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                .body("""
                        journey: %s
                        trigger: {event: %s Start, throttle: {entries: %d, per: 1s}}
                        steps:
                          - send: {channel: sms, category: transactional, text: "Your turn"}
                        """.formatted(id, id, PER_SECOND).getBytes(StandardCharsets.UTF_8))
                .post("/v1/journeys").then().statusCode(201);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            String contactId = id + "-" + i;
            contacts.add(contactId);
            TestEvents.contact(contactId, "Ada");
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from contact_snapshot where id like $1", id + "-%") == CONTACTS);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TopicProbe.produceAll(Topics.EVENTS, contacts.stream().map(contactId -> Map.entry(contactId,
                    TestEvents.trackJson(contactId, "start-" + UUID.randomUUID(), id + " Start", "{}"))).toList());
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                    given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/stats")
                            .then().statusCode(200).extract().jsonPath().getLong("queued") >= CONTACTS / 2);

            Map<String, Instant> sentTo = new HashMap<>();
            for (String contactId : contacts) {
                sentTo.put(contactId, MessageJson.read(sends.await(r -> contactId.equals(r.key()), Duration.ofSeconds(30))
                        .value(), SendCommand.class).createdAt());
            }
            // the rate is the slots': no first step before its slot, and the slots one interval
            // apart (below); a timer late on a busy machine may walk two overdue slots together
            // (so the first SMS may leave late), never one early
            Instant firstSlot = null;
            for (Row run : Rows.of(pool, "select contact_id, entry_slot from journey_run where journey_id = $1", id)) {
                Instant slot = run.getOffsetDateTime("entry_slot").toInstant();
                Instant sent = sentTo.get(run.getString("contact_id"));
                assertFalse(sent.isBefore(slot), run.getString("contact_id") + " sent at " + sent + ", before its slot " + slot);
                firstSlot = firstSlot == null || slot.isBefore(firstSlot) ? slot : firstSlot;
            }
            Instant lastSent = sentTo.values().stream().max(Instant::compareTo).orElseThrow();
            Duration span = Duration.between(firstSlot, lastSent);
            assertTrue(span.compareTo(Duration.ofMillis((CONTACTS - 1) * 1000L / PER_SECOND)) >= 0,
                    "30 entries at 5 a second take at least 5.8 s from the first slot, not " + span);
        }
        assertEquals(CONTACTS, Rows.count(pool, "select count(distinct entry_slot) from journey_run where journey_id = $1", id));
        assertEquals(1000 / PER_SECOND, Rows.count(pool, """
                select round(extract(epoch from min(gap)) * 1000) from (
                  select entry_slot - lag(entry_slot) over (order by entry_slot) as gap from journey_run where journey_id = $1) g""",
                id), "the slots are one interval apart");
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/stats")
                .then().statusCode(200).body("queued", org.hamcrest.Matchers.is(0)).body("entered", org.hamcrest.Matchers.is(CONTACTS));
    }
}
