package io.drip.journey.run;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.JourneyReader;
import io.drip.journey.definition.JourneyStore;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Another replica publishes a new version of a journey and enters a contact on it; this
 * replica, which has not re-read the journeys since (they are re-read every ten seconds), meets
 * the run at its next step. It reads the version from the database and goes on with the run,
 * instead of ending it as if the journey had been removed.
 */
@QuarkusTest
@TestProfile(OtherReplicaVersionTest.NoRereading.class)
class OtherReplicaVersionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** This replica does not re-read the journeys during the test. */
    public static class NoRereading implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("drip.journeys.reload-interval", "PT1H");
        }
    }

    @Inject
    Pool pool;

    @Inject
    JourneyStore store;

    private static String journey(String id, String version) {
        return """
                journey: %s
                trigger: {event: %s Start}
                steps:
                  - wait: 1s
                  - id: hello
                    send: {channel: sms, category: marketing, text: "%s hello"}
                """.formatted(id, id, version);
    }

    @Test
    void aRunOnAVersionAnotherReplicaStoredGoesOnHere() {
        String id = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestKeys.bearer(TestKeys.MARKETER)).contentType("application/yaml")
                .body(journey(id, "v1").getBytes(StandardCharsets.UTF_8)).post("/v1/journeys").then().statusCode(201);
        String contactId = "c-" + UUID.randomUUID();
        TestEvents.contact(contactId, "Ada");
        // what the other replica does: stores version 2 and enters the contact on it
        String yaml = journey(id, "v2");
        JourneyDefinition v2 = JourneyReader.read("other-replica", new StringReader(yaml)).withVersion(2);
        SegmentMessage trigger = MessageJson.read("""
                {"type":"track","messageId":"%s","userId":"%s","event":"%s Start","properties":{},"timestamp":"%s"}"""
                .formatted(UUID.randomUUID(), contactId, id, Instant.now()), SegmentMessage.class);
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            pool.withTransaction(tx -> store.publish(tx, id, yaml, "other-replica")
                            .chain(published -> tx.preparedQuery("""
                                            insert into journey_run (id, journey_id, journey_version, contact_id, status,
                                              next_at, trigger_event, entered_at, updated_at)
                                            values ($1, $2, $3, $4, 'active', now(), $5::text::jsonb, now(), now())""")
                                    .execute(Tuple.of(UUID.randomUUID(), id, v2.version(), contactId,
                                            MessageJson.write(trigger)))))
                    .await().atMost(WAIT);
            SendCommand hello = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(),
                    SendCommand.class);
            assertEquals("v2 hello", hello.text());
            assertEquals(2, hello.journeyVersion());
        }
    }
}
