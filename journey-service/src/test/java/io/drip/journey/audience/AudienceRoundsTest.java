package io.drip.journey.audience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.DatabaseThroughProxy;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Audience journeys on the real broker and PostgreSQL: a round of 100,000 members entering in
 * their local time while the database goes away in the middle of it (every page in flight is
 * lost, as in a crash), resuming from its stored cursor with nobody skipped and nobody twice; a
 * round whose time has come sending at once; the preview and the progress.
 */
@QuarkusTest
@TestProfile(DatabaseThroughProxy.class)
class AudienceRoundsTest {
    private static final int MEMBERS = 100_000;


    @Inject
    Pool pool;

    private static String journey(String id, String segment, LocalDateTime at, boolean localTime) {
        return """
                journey: %s
                trigger: {audience: {segment: %s, at: "%s", local_time: %s}}
                steps:
                  - id: offer
                    send: {channel: sms, category: marketing, text: "11.11: 20%% off today"}
                """.formatted(id, segment, at.truncatedTo(ChronoUnit.MINUTES), localTime);
    }

    private Map<String, Object> round(String journeyId) {
        var rows = Rows.of(pool, "select status, reached, entered, audience_size from audience_round where journey_id = $1",
                journeyId);
        if (rows.isEmpty()) {
            return Map.of("status", "none", "reached", 0L);
        }
        var row = rows.get(0);
        Map<String, Object> round = new java.util.HashMap<>();
        round.put("status", row.getString("status"));
        round.put("reached", row.getLong("reached"));
        round.put("entered", row.getLong("entered"));
        round.put("size", row.getLong("audience_size"));
        return round;
    }

    @Test
    void aRoundOfAHundredThousandEntersInLocalTimeAndResumesAfterTheDatabaseWentAwayMidRound() {
        String id = "big-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = id + "-m";
        SegmentFixture.members(pool, id, prefix, MEMBERS);
        // its 10:00 has just come at UTC+14: Sydney's and Paris's are hours ahead
        LocalDateTime at = LocalDateTime.now(ZoneOffset.ofHours(14)).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
        String yaml = journey(id, id, at, true);

        SegmentFixture.postYaml(TestKeys.VIEWER, "/v1/journeys/" + id + "/audience/preview", yaml).statusCode(200)
                .body("size", is(MEMBERS)).body("sample.size()", is(10)).body("sample[0]", is(prefix + "000001"))
                .body("localTime", is(true));
        SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", yaml).statusCode(201);

        // a page of 1000 takes 0.3 to 1.3 s on two shared cores
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> (long) round(id).get("reached") >= 30_000);
        DatabaseThroughProxy.DATABASE.cut(); // the pages in flight are lost with their connections, as in a crash
        try {
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        } finally {
            DatabaseThroughProxy.DATABASE.restore();
        }
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> "done".equals(round(id).get("status")));

        try {
            assertEquals(Map.of("status", "done", "reached", (long) MEMBERS, "entered", (long) MEMBERS, "size", (long) MEMBERS),
                    round(id));
            assertEquals(MEMBERS, Rows.count(pool, "select count(*) from journey_run where journey_id = $1", id));
            assertEquals(MEMBERS, Rows.count(pool, "select count(distinct contact_id) from journey_run where journey_id = $1", id),
                    "nobody twice, nobody skipped");
            assertEquals(MEMBERS, Rows.count(pool, """
                    select count(*) from journey_run r join contact_snapshot c on c.id = r.contact_id
                    where r.journey_id = $1 and r.next_at = ($2::timestamp at time zone (c.snapshot ->> 'timezone'))""",
                    id, at), "every run's first step waits for 10:00 in its contact's zone");
            Instant paris = Rows.of(pool, "select next_at from journey_run where journey_id = $1 and contact_id = $2", id,
                    prefix + "000002").get(0).getOffsetDateTime("next_at").toInstant();
            Instant sydney = Rows.of(pool, "select next_at from journey_run where journey_id = $1 and contact_id = $2", id,
                    prefix + "000001").get(0).getOffsetDateTime("next_at").toInstant();
            assertEquals(at.atZone(ZoneId.of("Europe/Paris")).toInstant(), paris);
            assertEquals(at.atZone(ZoneId.of("Australia/Sydney")).toInstant(), sydney);
            assertEquals(0, Rows.count(pool, "select count(*) from message where journey_id = $1", id), "nothing sent before");

            given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/audience")
                    .then().statusCode(200).body("[0].status", is("done")).body("[0].reached", is(MEMBERS))
                    .body("[0].audienceSize", is(MEMBERS)).body("[0].segment", is(id));
            given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/stats")
                    .then().statusCode(200).body("entered", is(MEMBERS)).body("audience[0].entered", is(MEMBERS));
        } finally {
            SegmentFixture.remove(pool, id, prefix);
        }
    }

    @Test
    void aRoundWhoseTimeHasComeSendsToItsMembersAtOnceAndOnlyToThem() {
        String id = "now-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> members = List.of(id + "-a", id + "-b", id + "-c");
        String outsider = id + "-z";
        for (String contactId : members) {
            snapshot(contactId, List.of(id, "vip"));
        }
        snapshot(outsider, List.of("vip"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from contact_snapshot where id like $1", id + "-%") == 4);
        String yaml = journey(id, id, LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1), false);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", yaml).statusCode(201);
            for (String contactId : members) {
                sends.await(r -> contactId.equals(r.key()), Duration.ofSeconds(30));
            }
            Set<String> reached = new HashSet<>();
            for (var record : sends.all(r -> r.key().startsWith(id), Duration.ofSeconds(2))) {
                SendCommand send = MessageJson.read(record.value(), SendCommand.class);
                assertEquals("11.11: 20% off today", send.text());
                reached.add(send.contactId());
            }
            assertEquals(new HashSet<>(members), reached);
        }
    }

    @Test
    void aPreviewNeedsAnAudienceJourneyOfThatIdAndProgressAKnownJourney() {
        String yaml = journey("preview-me", "vip", LocalDateTime.parse("2030-01-01T10:00"), false);
        SegmentFixture.postYaml(TestKeys.VIEWER, "/v1/journeys/someone-else/audience/preview", yaml).statusCode(400)
                .body("message", containsString("not 'someone-else'"));
        SegmentFixture.postYaml(TestKeys.VIEWER, "/v1/journeys/plain/audience/preview",
                "journey: plain\ntrigger: {event: X}\nsteps:\n  - send: {channel: sms, category: marketing, text: Hi}\n")
                .statusCode(400).body("message", containsString("no audience trigger"));
        SegmentFixture.postYaml(TestKeys.VIEWER, "/v1/journeys/preview-me/audience/preview",
                yaml.replace("2030-01-01T10:00", "tomorrow")).statusCode(400).body("line", is(2));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/no-such-journey/audience")
                .then().statusCode(404);
    }

    private static void snapshot(String contactId, List<String> segments) {
        var traits = MessageJson.mapper().createObjectNode().put("first_name", "Ada");
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, "+33612345678",
                "valid", "Europe/Paris", "fr-FR", traits, Map.of(), Instant.now(), segments)));
    }
}
