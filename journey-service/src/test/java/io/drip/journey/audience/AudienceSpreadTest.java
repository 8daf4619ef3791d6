package io.drip.journey.audience;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.testing.DatabaseThroughProxy;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Audience rounds with a spread on the real broker and PostgreSQL, in pages of 20: each member's
 * first step at the round's time in its zone plus spread × position / size, in contact id order,
 * the same across the database going away in the middle of the round; with a throttle, the later
 * of that moment and the member's slot.
 */
@QuarkusTest
@TestProfile(AudienceSpreadTest.SmallPages.class)
class AudienceSpreadTest {
    /** Through the cuttable proxy, in pages of 20. */
    public static class SmallPages extends DatabaseThroughProxy {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("drip.audiences.page-size", "20");
            return overrides;
        }
    }

    @Inject
    Pool pool;

    /** A round in local time whose 10:00 has just come at UTC+14: Sydney's and Paris's are hours ahead. */
    private static LocalDateTime justStarted() {
        return LocalDateTime.now(ZoneOffset.ofHours(14)).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
    }

    private static String journey(String id, LocalDateTime at, String spread, String throttle) {
        return """
                journey: %s
                trigger:
                  audience: {segment: %s, at: "%s", local_time: true, spread: %s}
                %s
                steps:
                  - id: offer
                    send: {channel: sms, category: marketing, text: "Spread offer"}
                """.formatted(id, id, at, spread, throttle == null ? "" : "  throttle: " + throttle);
    }

    private String status(String journeyId) {
        List<Row> rows = Rows.of(pool, "select status from audience_round where journey_id = $1", journeyId);
        return rows.isEmpty() ? "none" : rows.get(0).getString("status");
    }

    private long reached(String journeyId) {
        List<Row> rows = Rows.of(pool, "select reached from audience_round where journey_id = $1", journeyId);
        return rows.isEmpty() ? 0 : rows.get(0).getLong("reached");
    }

    /** The journey's runs in the order the round entered their contacts: contact id order. */
    private List<Row> runs(String journeyId) {
        return Rows.of(pool, """
                select r.contact_id, r.next_at, r.entry_slot, c.snapshot ->> 'timezone' as timezone
                from journey_run r join contact_snapshot c on c.id = r.contact_id
                where r.journey_id = $1 order by r.contact_id""", journeyId);
    }

    /** The moment of the member at {@code position} of {@code size}, worked out here apart from the engine. */
    private static Instant moment(LocalDateTime at, String zone, long position, long size, Duration spread) {
        return at.atZone(ZoneId.of(zone)).toInstant().plus(spread.multipliedBy(position).dividedBy(size));
    }

    @Test
    void aSpreadRoundStartsItsMembersEvenlyOverTheWindowInTheirZonesAcrossTheDatabaseGoingAwayMidRound() {
        String id = "spread-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = id + "-m";
        int members = 600;
        Duration spread = Duration.ofHours(2); // 12 s a member
        SegmentFixture.members(pool, id, prefix, members);
        LocalDateTime at = justStarted();
        String yaml = journey(id, at, "2h", null);
        try {
            SegmentFixture.postYaml(TestKeys.VIEWER, "/v1/journeys/" + id + "/audience/preview", yaml).statusCode(200)
                    .body("size", is(members)).body("spread", is("PT2H"));
            SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", yaml).statusCode(201);

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> reached(id) >= 100);
            assertNotEquals("done", status(id), "the round is cut in the middle: 25 pages to go");
            DatabaseThroughProxy.DATABASE.cut(); // the page in flight is lost with its connection, as in a crash
            try {
                Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
            } finally {
                DatabaseThroughProxy.DATABASE.restore();
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "done".equals(status(id)));

            List<Row> runs = runs(id);
            assertEquals(members, runs.size(), "nobody skipped, nobody twice");
            assertEquals(members, runs.stream().map(r -> r.getString("contact_id")).distinct().count());
            for (int position = 0; position < members; position++) {
                Row run = runs.get(position);
                assertEquals(moment(at, run.getString("timezone"), position, members, spread),
                        run.getOffsetDateTime("next_at").toInstant(), run.getString("contact_id") + " at " + position);
            }
            // evenly: two members of the same zone two places apart start 24 s apart, over the whole window
            Instant firstInSydney = runs.get(0).getOffsetDateTime("next_at").toInstant();
            Instant lastInSydney = runs.get(members - 2).getOffsetDateTime("next_at").toInstant();
            assertEquals(Duration.ofSeconds(24), Duration.between(firstInSydney,
                    runs.get(2).getOffsetDateTime("next_at").toInstant()));
            assertEquals(spread.minusSeconds(24), Duration.between(firstInSydney, lastInSydney));
            assertEquals(0, Rows.count(pool, "select count(*) from message where journey_id = $1", id),
                    "nothing sent before its moment");
        } finally {
            SegmentFixture.remove(pool, id, prefix);
        }
    }

    @Test
    void withAThrottleAMembersFirstStepWaitsForTheLaterOfItsMomentInTheSpreadAndItsSlot() {
        String id = "spread-throttled-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = id + "-m";
        int members = 30;
        Duration spread = Duration.ofHours(24); // 48 min a member; the slots come an hour apart
        SegmentFixture.members(pool, id, prefix, members);
        LocalDateTime at = justStarted();
        try {
            SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", journey(id, at, "PT24H", "{entries: 1, per: 1h}")).statusCode(201);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "done".equals(status(id)));

            List<Row> runs = runs(id);
            assertEquals(members, runs.size());
            int slotLater = 0;
            int momentLater = 0;
            for (int position = 0; position < members; position++) {
                Row run = runs.get(position);
                Instant moment = moment(at, run.getString("timezone"), position, members, spread);
                Instant slot = run.getOffsetDateTime("entry_slot").toInstant();
                Instant later = slot.isAfter(moment) ? slot : moment;
                assertEquals(later, run.getOffsetDateTime("next_at").toInstant(), run.getString("contact_id"));
                slotLater += slot.isAfter(moment) ? 1 : 0;
                momentLater += moment.isAfter(slot) ? 1 : 0;
            }
            // Sydney's 10:00 is 3 or 4 hours after UTC+14's: its later members wait for their slots
            assertTrue(slotLater > 0 && momentLater > 0, slotLater + " waited for their slot, " + momentLater
                    + " for their moment");
        } finally {
            SegmentFixture.remove(pool, id, prefix);
        }
    }
}
