package io.drip.journey.audience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A round started now beside a monthly schedule in local time, on the real broker and
 * PostgreSQL: its members in Sydney and Paris get their SMS at once, not at their 10:00; the
 * scheduled round stays planned; a second round at once passes over who is still in the journey
 * by the re-entry policy; who may start one and when.
 */
@QuarkusTest
class AudienceRoundNowTest {

    @Inject
    Pool pool;

    private static String journey(String id, String segment) {
        return """
                journey: %s
                trigger: {audience: {segment: %s, every: {month: 1, at: "10:00"}, local_time: true}}
                reentry: {after: 20d}
                steps:
                  - id: offer
                    send: {channel: sms, category: marketing, text: "This month's VIP offer"}
                  - wait: 1d
                """.formatted(id, segment);
    }

    private static ValidatableResponse startRound(String key, String id) {
        return given().header("Authorization", TestKeys.bearer(key)).post("/v1/journeys/" + id + "/audience/rounds").then();
    }

    @Test
    void aRoundStartedNowReachesEveryMemberAtOnceWhateverTheirZoneAndLeavesTheScheduleAlone() {
        String id = "vip-now-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> members = Map.of(id + "-sydney", "Australia/Sydney", id + "-paris", "Europe/Paris",
                id + "-honolulu", "Pacific/Honolulu");
        members.forEach((contactId, zone) -> snapshot(contactId, zone, List.of(id)));
        snapshot(id + "-outsider", "Europe/Paris", List.of("vip"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from contact_snapshot where id like $1", id + "-%") == 4);
        SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", journey(id, id)).statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from audience_round where journey_id = $1 and status = 'planned'", id) == 1);

        startRound(TestKeys.VIEWER, id).statusCode(403);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            startRound(TestKeys.MARKETER, id).statusCode(202).body("manual", is(true)).body("status", is("planned"));
            Set<String> reached = new HashSet<>();
            for (String contactId : members.keySet()) {
                SendCommand send = MessageJson.read(sends.await(r -> contactId.equals(r.key()), Duration.ofSeconds(30)).value(),
                        SendCommand.class);
                assertEquals("This month's VIP offer", send.text());
                reached.add(send.contactId());
            }
            assertEquals(members.keySet(), reached, "every member at once, none at its own 10:00");
            assertEquals(List.of(), sends.all(r -> r.key().equals(id + "-outsider"), Duration.ofSeconds(1)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from audience_round where journey_id = $1 and manual and status = 'done'", id) == 1);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/audience")
                .then().statusCode(200)
                .body("find { it.manual }.entered", is(3)).body("find { it.manual }.audienceSize", is(3))
                .body("find { !it.manual }.status", is("planned"))
                .body("find { !it.manual }.round", containsString("-01T10:00"));

        // a second round now (another second): all three are still in the journey, so nobody enters twice
        Awaitility.await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        startRound(TestKeys.MARKETER, id).statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Rows.count(pool,
                "select count(*) from audience_round where journey_id = $1 and manual and status = 'done'", id) == 2);
        assertEquals(3, Rows.count(pool, "select count(*) from journey_run where journey_id = $1", id));
        assertEquals(1, Rows.count(pool, "select count(*) from audience_round where journey_id = $1 and not manual", id),
                "the schedule's round is still the one planned");
    }

    @Test
    void onlyAnActiveAudienceJourneyStartsARound() {
        String id = "vip-paused-" + UUID.randomUUID().toString().substring(0, 8);
        SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys", journey(id, "vip")).statusCode(201);
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).post("/v1/journeys/" + id + "/pause")
                .then().statusCode(200);
        startRound(TestKeys.MARKETER, id).statusCode(409).body("message", containsString("is paused"));
        startRound(TestKeys.MARKETER, "no-such-journey").statusCode(404);

        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        SegmentFixture.postYaml(TestKeys.MARKETER, "/v1/journeys",
                "journey: " + plain + "\ntrigger: {event: X}\nsteps:\n  - send: {channel: sms, category: marketing, text: Hi}\n")
                .statusCode(201);
        startRound(TestKeys.MARKETER, plain).statusCode(400).body("message", containsString("no audience trigger"));
        assertEquals(0, Rows.count(pool, "select count(*) from audience_round where journey_id = $1 and manual", id));
    }

    private static void snapshot(String contactId, String zone, List<String> segments) {
        var traits = MessageJson.mapper().createObjectNode().put("first_name", "Ada");
        TopicProbe.produce(Topics.CONTACTS, contactId, MessageJson.write(new ContactSnapshot(contactId, 1, "+33612345678",
                "valid", zone, "fr-FR", traits, Map.of(), Instant.now(), segments)));
    }
}
