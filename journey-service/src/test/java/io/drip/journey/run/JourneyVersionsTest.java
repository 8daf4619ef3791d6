package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Journeys published through the API: a new version takes new contacts while runs in flight
 * finish on theirs; pause holds runs and refuses entries; archive ends the runs; an update step
 * reaches contact-service's topic.
 */
@QuarkusTest
class JourneyVersionsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String journey(String id, String version) {
        return """
                journey: %s
                trigger: {event: %s Start}
                steps:
                  - id: first
                    send: {channel: sms, category: marketing, text: "%s first"}
                  - wait: 3s
                  - id: second
                    send: {channel: sms, category: marketing, text: "%s second"}
                  - update: {traits: {finished: "%s"}}
                """.formatted(id, id, version, version, version);
    }

    private static ValidatableResponse publish(String yaml) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/journeys").then();
    }

    private static ValidatableResponse change(String id, String action) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).post("/v1/journeys/" + id + "/" + action)
                .then();
    }

    private static String enter(String journeyId) {
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Ada");
        TestEvents.track(contactId, "start-" + UUID.randomUUID(), journeyId + " Start", "{}");
        return contactId;
    }

    private static String text(TopicProbe sends, String contactId, String stepId) {
        return MessageJson.read(sends.await(r -> contactId.equals(r.key())
                && MessageJson.read(r.value(), SendCommand.class).stepId().equals(stepId), WAIT).value(),
                SendCommand.class).text();
    }

    @Test
    void runsInFlightFinishOnTheirVersionWhileNewContactsGetTheNewOne() {
        String id = "versioned-" + UUID.randomUUID().toString().substring(0, 8);
        publish(journey(id, "v1")).statusCode(201).body("version", is(1));
        try (var sends = TopicProbe.watch(Topics.SENDS); var events = TopicProbe.watch(Topics.EVENTS)) {
            String early = enter(id);
            assertEquals("v1 first", text(sends, early, "first"));
            publish(journey(id, "v2")).statusCode(201).body("version", is(2));
            publish(journey(id, "v2")).statusCode(200).body("created", is(false));
            String late = enter(id);
            assertEquals("v2 first", text(sends, late, "first"));
            assertEquals("v1 second", text(sends, early, "second"), "the early run stays on version 1");
            assertEquals("v2 second", text(sends, late, "second"));
            SegmentMessage update = MessageJson.read(events.await(r -> early.equals(r.key())
                    && r.value().contains("\"identify\""), WAIT).value(), SegmentMessage.class);
            assertEquals("v1", update.traits().get("finished").asText());
        }
    }

    @Test
    void pauseHoldsRunsAndRefusesEntriesResumeGoesOnArchiveEndsRuns() {
        String id = "paused-" + UUID.randomUUID().toString().substring(0, 8);
        publish(journey(id, "p")).statusCode(201);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String held = enter(id);
            assertEquals("p first", text(sends, held, "first"));
            change(id, "pause").statusCode(200).body("status", is("paused"));
            String refused = enter(id);
            var during = sends.all(r -> held.equals(r.key()) || refused.equals(r.key()), Duration.ofSeconds(6));
            assertEquals(1, during.size(), "nothing while paused but the first message: " + during);
            change(id, "resume").statusCode(200).body("status", is("active"));
            assertEquals("p second", text(sends, held, "second"), "the held run goes on");

            String archivedRun = enter(id);
            assertEquals("p first", text(sends, archivedRun, "first"));
            change(id, "archive").statusCode(200).body("runsEnded", is(1));
            assertTrue(sends.all(r -> archivedRun.equals(r.key()) && r.value().contains("\"second\""),
                    Duration.ofSeconds(5)).isEmpty(), "an archived journey sends nothing more");
        }
    }

    @Test
    void anInvalidJourneyIsRefusedWithWhereAndOnlyMarketersPublish() {
        publish("journey: bad\ntrigger: {event: X}\nsteps:\n  - goto: nowhere\n").statusCode(400)
                .body("line", is(4)).body("column", is(5)).body("message", containsString("exactly one of"));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType("application/yaml")
                .body(journey("viewer", "x").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/journeys").then().statusCode(403);
        change("no-such-journey", "pause").statusCode(404);
    }

    @Test
    void validationAnswersWhereTheProblemIsAndStoresNothing() {
        String bad = "journey: bad\ntrigger: {event: X}\nsteps:\n  - goto: nowhere\n";
        validate(bad).statusCode(400).body("error", is("invalid_journey")).body("line", is(4)).body("column", is(5))
                .body("message", containsString("exactly one of"));
        String id = "checked-" + UUID.randomUUID().toString().substring(0, 8);
        validate(journey(id, "checked")).statusCode(200).body("journey", is(id))
                .body("outline.steps.kind", is(List.of("send", "wait", "send", "update")));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/versions/1")
                .then().statusCode(404);
    }

    private static ValidatableResponse validate(String yaml) {
        return given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).contentType("application/yaml")
                .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/v1/journeys/validate").then();
    }

    @Test
    void aVersionShowsItsYamlAndItsStepsWithLabelledEdgesAndTheStatsCountWhoReachedEachStep() {
        String id = "outlined-" + UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                journey: %s
                trigger: {event: %s Start}
                steps:
                  - id: check
                    branch:
                      - when: event.properties.value >= 100
                        goto: big
                  - id: ask
                    wait_for: {event: Replied, within: 1h}
                    on_timeout: offer
                  - exit: replied
                  - id: big
                    send: {channel: sms, category: marketing, text: "big"}
                    goto: offer
                  - id: offer
                    split: {A: {weight: 75, goto: done}, holdout: {weight: 25}}
                  - id: done
                    exit: offered
                """.formatted(id, id);
        publish(yaml).statusCode(201);
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/versions/1")
                .then().statusCode(200)
                .body("yaml", is(yaml))
                .body("outline.steps.id", is(List.of("check", "ask", "step-3", "big", "offer", "done")))
                .body("outline.steps.kind", is(List.of("branch", "wait_for", "exit", "send", "split", "exit")))
                .body("outline.steps[0].next.to", is(List.of("big", "ask")))
                .body("outline.steps[0].next.label", is(List.of("event.properties.value >= 100", "otherwise")))
                .body("outline.steps[1].next.label", is(List.of("Replied", "timeout")))
                .body("outline.steps[1].next.to", is(List.of("step-3", "offer")))
                .body("outline.steps[3].next[0].label", is("goto"))
                .body("outline.steps[4].next.label", is(List.of("A 75%", "holdout 25%")))
                .body("outline.steps[4].next[1].to", is((Object) null))
                .body("outline.steps[5].next", is(List.of()));
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/versions/2")
                .then().statusCode(404).body("message", containsString("has no version 2"));

        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            String contactId = "c-" + UUID.randomUUID();
            TestEvents.contact(contactId, "Ada");
            TestEvents.track(contactId, "start-" + UUID.randomUUID(), id + " Start", "{\"value\": 150}");
            assertEquals("big", text(sends, contactId, "big"));
        }
        JsonPath stats = null;
        for (long until = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < until; ) {
            stats = given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).get("/v1/journeys/" + id + "/stats")
                    .then().statusCode(200).extract().jsonPath();
            if (stats.getLong("exited") == 1) {
                break;
            }
        }
        Map<String, Object> reached = stats.getMap("reached");
        assertEquals(List.of(1, 1, 1), List.of(reached.get("check"), reached.get("big"), reached.get("offer")),
                "the branch, the send and the split were reached: " + reached);
        assertFalse(reached.containsKey("ask"), "the wait_for was not");
        assertEquals(!stats.getMap("exitReasons").containsKey("holdout"), reached.containsKey("done"),
                "the exit step counts as reached unless the contact was held out");
    }
}
