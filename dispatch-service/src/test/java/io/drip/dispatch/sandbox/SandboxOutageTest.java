package io.drip.dispatch.sandbox;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.Rows;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sandbox out of order on demand (a rehearsal of a provider failing), and its log of every call. */
@QuarkusTest
class SandboxOutageTest {

    @Inject
    Pool pool;

    private static void outage(String key, Object seconds, int expectedStatus) {
        given().header("Authorization", TestKeys.bearer(key)).queryParam("seconds", seconds)
                .post("/v1/sandbox/outage").then().statusCode(expectedStatus);
    }

    @Test
    void aMessageSentDuringAnOutageLeavesOnceItEndsAndTheSandboxLogsTheOneCallThatReachedIt() {
        String contactId = contactWith(randomNumber("+316", 11));
        Instant start = Instant.now();
        outage(TestKeys.OPS, 2, 200);
        SendCommand code;
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            code = send(contactId, "Your code is 2468");
            deliveries.await(r -> is(r, code.messageId(), "sent"), Duration.ofSeconds(60));
        } finally {
            outage(TestKeys.OPS, 0, 200);
        }
        var submitted = Rows.of(pool, "select submitted_at from sandbox_submission where message_id = $1", code.messageId());
        assertEquals(1, submitted.size(), "refused calls never reached the sandbox, the one after the outage did");
        assertTrue(submitted.get(0).getOffsetDateTime("submitted_at").toInstant().isAfter(start.plusSeconds(2)),
                "not before the outage ended");
        assertTrue(Rows.of(pool, "select 1 from message_event where message_id = $1 and reason = 'sandbox_outage'",
                code.messageId()).size() > 0, "the failed attempts are in the message's history");
    }

    @Test
    void onlyOpsMayStartAnOutageAndItsLengthIsChecked() {
        outage(TestKeys.VIEWER, 10, 403);
        outage(TestKeys.OPS, -1, 400);
        outage(TestKeys.OPS, 3601, 400);
    }
}
