package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Click;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** GET /v1/contacts/{id}/journeys: every run of a contact with what happened at each step. */
@QuarkusTest
class RunHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theHistoryTellsWhyTheContactGotEachMessage() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Ada");
            TestEvents.track(contactId, "browse-" + contactId, "Test Browse", "{}");
            SendCommand nudge = MessageJson.read(sends.await(r -> contactId.equals(r.key()), WAIT).value(),
                    SendCommand.class);
            TopicProbe.produce(Topics.CLICKS, contactId, MessageJson.write(new Click(UUID.randomUUID().toString(),
                    nudge.links().get(0).code(), nudge.messageId(), contactId, "test-reminder", "nudge", null,
                    Instant.now(), null, "Mozilla/5.0 (iPhone)", "mobile", false, null)));
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonPath runs = TestEvents.journeysOf(contactId);
            assertEquals("test-reminder", runs.getString("[0].journey"));
            assertEquals("exited", runs.getString("[0].status"));
            assertEquals("finished", runs.getString("[0].exitReason"));
            assertEquals(List.of("entered", "sent", "waiting", "resumed", "sent", "exited"),
                    runs.getList("[0].history.what"));
            assertEquals(List.of("nudge", "clicked", "clicked", "thanks"),
                    runs.getList("[0].history.step").subList(1, 5));
        });
    }

    @Test
    void aTextThatCannotBeRenderedIsSkippedWithItsReasonAndTheRunGoesOn() {
        String contactId = "c-" + UUID.randomUUID();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            TestEvents.contact(contactId, "Ada");
            TestEvents.track(contactId, "render-" + contactId, "Test Render", "{}");
            var sent = sends.all(r -> contactId.equals(r.key()), Duration.ofSeconds(5));
            assertEquals(1, sent.size(), sent.toString());
            assertEquals("Second message", MessageJson.read(sent.get(0).value(), SendCommand.class).text());
        }
        JsonPath runs = TestEvents.journeysOf(contactId);
        String skipped = runs.getString("[0].history.find { it.what == 'skipped' }.detail");
        assertTrue(skipped.startsWith("render_error: 'contact.traits.nickname' has no value"), skipped);
        assertEquals("completed", runs.getString("[0].status"));
    }
}
